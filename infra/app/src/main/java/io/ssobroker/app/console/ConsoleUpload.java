package io.ssobroker.app.console;

import static io.ssobroker.app.console.ConsoleExchange.plainRefusal;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/**
 * A console form that sends a file ({@code multipart/form-data}), read by Vert.x's multipart decoder after the
 * session was checked, into memory up to a limit: the file of the one file field, and the other fields for the CSRF
 * check. A body beyond the limit is refused at once and the connection closed.
 */
final class ConsoleUpload {

  private static final String FIELDS = ConsoleUpload.class.getName() + ".fields";
  private static final String FILE = ConsoleUpload.class.getName() + ".file";

  private final long maxBytes;

  ConsoleUpload(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The fields of the form, when this request was an upload. */
  static Optional<MultiMap> fields(RoutingContext routing) {
    return Optional.ofNullable(routing.get(FIELDS));
  }

  /** The uploaded file; empty when none was chosen. */
  static Buffer file(RoutingContext routing) {
    Buffer file = routing.get(FILE);
    return file == null ? Buffer.buffer() : file;
  }

  void read(RoutingContext routing) {
    HttpServerRequest request = routing.request();
    String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT);
    if (!type.startsWith("multipart/form-data")) {
      plainRefusal(routing, 415, "Send the file with the form of the console.");
      return;
    }
    Buffer file = Buffer.buffer();
    boolean[] refused = {false};
    request.setExpectMultipart(true);
    request.uploadHandler(upload -> upload.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (file.length() + (long) chunk.length() > maxBytes) {
        refused[0] = true;
        routing.response().putHeader("Connection", "close");
        plainRefusal(routing, 413, "The file is larger than " + maxBytes / (1024 * 1024)
            + " MB; import it in parts, or with the admin API, which streams any size.");
        return;
      }
      file.appendBuffer(chunk);
    }));
    request.exceptionHandler(failure -> {
      if (!refused[0] && !routing.response().ended()) {
        refused[0] = true;
        plainRefusal(routing, 400, "The upload could not be read.");
      }
    });
    request.endHandler(ended -> {
      if (!refused[0]) {
        routing.put(FIELDS, request.formAttributes());
        routing.put(FILE, file);
        routing.next();
      }
    });
    request.resume();
  }
}
