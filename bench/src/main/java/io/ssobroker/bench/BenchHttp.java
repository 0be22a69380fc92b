package io.ssobroker.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/** The load generator's HTTP: keep-alive connections, no redirects followed, answers read whole. */
final class BenchHttp {

  /** An answer with its body read. */
  record Answer(HttpClientResponse response, Buffer body) {

    Answer expect(int status) {
      if (response.statusCode() != status) {
        throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": " + body);
      }
      return this;
    }

    String header(String name) {
      return response.getHeader(name);
    }

    String cookie(String name) {
      for (String header : response.cookies()) {
        if (header.startsWith(name + "=")) {
          return header.substring(name.length() + 1, header.indexOf(';') > 0 ? header.indexOf(';') : header.length());
        }
      }
      throw new IllegalStateException("no " + name + " cookie");
    }
  }

  private final HttpClient client;

  BenchHttp(Vertx vertx, int connections) {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxRedirects(0),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  Future<Answer> get(String url, String cookie) {
    return send(HttpMethod.GET, url, cookie, null, null);
  }

  /** A form POST; {@code headers} alternate name and value. */
  Future<Answer> sendForm(String url, String form, String... headers) {
    RequestOptions options = new RequestOptions().setAbsoluteURI(url).setMethod(HttpMethod.POST).setTimeout(30_000)
        .putHeader("Content-Type", "application/x-www-form-urlencoded");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      options.putHeader(headers[i], headers[i + 1]);
    }
    return client.request(options).compose(request -> request.send(form))
        .compose(response -> response.body().map(body -> new Answer(response, body)));
  }

  /** {@code headers} alternate name and value. */
  Future<Answer> send(HttpMethod method, String url, String cookie, String jsonBody, String... headers) {
    RequestOptions options = new RequestOptions().setAbsoluteURI(url).setMethod(method).setTimeout(30_000);
    if (cookie != null) {
      options.putHeader("Cookie", cookie);
    }
    if (jsonBody != null) {
      options.putHeader("Content-Type", "application/json");
    }
    for (int i = 0; headers != null && i + 1 < headers.length; i += 2) {
      options.putHeader(headers[i], headers[i + 1]);
    }
    return client.request(options)
        .compose(request -> jsonBody == null ? request.send() : request.send(jsonBody))
        .compose(response -> response.body().map(body -> new Answer(response, body)));
  }
}
