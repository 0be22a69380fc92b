package io.ssobroker.app.login;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Sends exactly the bytes a test wrote, framing mistakes included, over one connection, then reads the answer until
 * the server closes it. An HTTP client library would refuse to send most of what hostile tests need.
 */
final class RawHttp {

  /** The answer: its status line's code, its head and the start of its body. */
  record Answer(int status, String head, String body) {

    Optional<String> header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return Optional.of(line.substring(colon + 1).trim());
        }
      }
      return Optional.empty();
    }
  }

  private static final int MAX_READ = 256 * 1024;

  private RawHttp() {}

  /**
   * Writes the request and reads the answer until the server closes the connection or the timeout passes; empty when
   * no answer came. The sending side stays open: Vert.x drops a connection whose client half-closes it, answer or not.
   */
  static Optional<Answer> exchange(int port, byte[] request, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException refusedWhileSending) {
        // the server may answer (413) and stop reading before the whole body was sent: its answer is still there
      }
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try {
      for (int read = in.read(buffer); read >= 0 && received.size() < MAX_READ; read = in.read(buffer)) {
        received.write(buffer, 0, read);
      }
    } catch (SocketTimeoutException stillOpen) {
      // whatever arrived within the timeout is the answer
    } catch (IOException reset) {
      // a reset after the answer was sent leaves that answer readable
    }
    return received.toByteArray();
  }

  private static Optional<Answer> parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || headEnd < 0) {
      return Optional.empty();
    }
    String head = text.substring(0, headEnd);
    String[] statusLine = head.substring(0, head.indexOf("\r\n") < 0 ? head.length() : head.indexOf("\r\n")).split(" ");
    if (statusLine.length < 2) {
      return Optional.empty();
    }
    int status = Integer.parseInt(statusLine[1]);
    byte[] rest = Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
    if (status >= 100 && status < 200) {
      return parse(rest);
    }
    return Optional.of(new Answer(status, head, new String(rest, StandardCharsets.UTF_8)));
  }
}
