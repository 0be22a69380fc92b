package io.ssobroker.edge.internal.idp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Every outbound call to an IdP: bounded in time (the whole exchange) and in size (the body is read up to a limit,
 * then the connection is dropped), behind one circuit per IdP host ({@link IdpCircuit}) so that a failing IdP fails fast
 * without touching the others. Only calls without a usable answer count against the circuit; any HTTP answer is a
 * response. Answers
 * come back on the caller's context (a pooled connection has the context of whoever opened it), so that what runs
 * next keeps its request's correlation id.
 */
public final class IdpHttp {

  /** The answer of an IdP. */
  public record Response(int status, String contentType, Buffer body) {}

  static final int MAX_FAILURES = 5;
  static final Duration OPEN_FOR = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;
  private final Map<String, IdpCircuit> circuits = new ConcurrentHashMap<>();

  public IdpHttp(Vertx vertx, Duration timeout, Clock clock) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.clock = clock;
    this.client = vertx.createHttpClient(new HttpClientOptions()
            .setConnectTimeout((int) timeout.toMillis())
            .setVerifyHost(true)
            .setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(32));
  }

  public Future<Response> get(URI uri, int maxBytes) {
    return call(uri, HttpMethod.GET, MultiMap.caseInsensitiveMultiMap(), null, maxBytes);
  }

  /** A GET for something else than JSON (SAML metadata), which some servers refuse to a JSON-only Accept. */
  public Future<Response> get(URI uri, String accept, int maxBytes) {
    return call(uri, HttpMethod.GET, MultiMap.caseInsensitiveMultiMap().add("Accept", accept), null, maxBytes);
  }

  public Future<Response> postForm(URI uri, Map<String, String> form, MultiMap headers, int maxBytes) {
    StringJoiner body = new StringJoiner("&");
    form.forEach((name, value) -> body.add(formEncode(name) + "=" + formEncode(value)));
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    return call(uri, HttpMethod.POST, headers, Buffer.buffer(body.toString()), maxBytes);
  }

  public static String formEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public Future<Void> close() {
    return client.close();
  }

  private Future<Response> call(URI uri, HttpMethod method, MultiMap headers, Buffer body, int maxBytes) {
    IdpCircuit circuit = circuits.computeIfAbsent(uri.getScheme() + "://" + uri.getAuthority(),
        host -> new IdpCircuit(MAX_FAILURES, OPEN_FOR, clock));
    if (!circuit.allowsCall()) {
      return Future.failedFuture(new IdpCallFailed(IdpCallFailed.Kind.CIRCUIT_OPEN,
          "the IdP failed repeatedly; calls are paused"));
    }
    Context caller = vertx.getOrCreateContext();
    Promise<Response> answer = Promise.promise();
    exchange(uri, method, headers, body, maxBytes)
        .onSuccess(response -> circuit.succeeded())
        .onFailure(failure -> circuit.failed())
        .recover(failure -> Future.failedFuture(classify(failure)))
        .onComplete(result -> caller.runOnContext(onCaller -> answer.handle(result)));
    return answer.future();
  }

  private Future<Response> exchange(URI uri, HttpMethod method, MultiMap headers, Buffer body, int maxBytes) {
    RequestOptions options = new RequestOptions()
        .setAbsoluteURI(uri.toString())
        .setMethod(method)
        .setHeaders((headers.contains("Accept") ? headers : headers.add("Accept", "application/json"))
            .add("User-Agent", "sso-broker"))
        .setFollowRedirects(false)
        .setIdleTimeout(timeout.toMillis());
    Promise<Response> answer = Promise.promise();
    long deadline = vertx.setTimer(timeout.toMillis(), fired ->
        answer.tryFail(new TimeoutException("no answer within " + timeout)));
    client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .onSuccess(response -> readBounded(response, maxBytes, answer))
        .onFailure(answer::tryFail);
    return answer.future().onComplete(done -> vertx.cancelTimer(deadline));
  }

  private static void readBounded(HttpClientResponse response, int maxBytes, Promise<Response> answer) {
    String length = response.getHeader("Content-Length");
    if (declaredLength(length) > maxBytes) {
      answer.tryFail(new IdpCallFailed(IdpCallFailed.Kind.TOO_LARGE, "the IdP answered " + length + " bytes"));
      response.request().reset();
      return;
    }
    Buffer collected = Buffer.buffer();
    // the answer fails before the connection is reset: a reset fails the response too, which must not be its reason
    response.handler(chunk -> {
      if (answer.future().isComplete()) {
        return;
      }
      if (collected.length() + chunk.length() > maxBytes) {
        answer.tryFail(new IdpCallFailed(IdpCallFailed.Kind.TOO_LARGE, "the IdP answered more than " + maxBytes + " bytes"));
        response.request().reset();
        return;
      }
      collected.appendBuffer(chunk);
    });
    response.exceptionHandler(answer::tryFail);
    response.endHandler(done -> answer.tryComplete(
        new Response(response.statusCode(), response.getHeader("Content-Type"), collected)));
  }

  /** The Content-Length header's value, or -1 when absent or not a number. */
  private static long declaredLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  private static IdpCallFailed classify(Throwable failure) {
    if (failure instanceof IdpCallFailed known) {
      return known;
    }
    if (failure instanceof TimeoutException
        || failure instanceof io.netty.channel.ConnectTimeoutException
        || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout")) {
      return new IdpCallFailed(IdpCallFailed.Kind.TIMEOUT, String.valueOf(failure.getMessage()));
    }
    return new IdpCallFailed(IdpCallFailed.Kind.UNREACHABLE, failure.getClass().getSimpleName() + ": " + failure.getMessage());
  }
}
