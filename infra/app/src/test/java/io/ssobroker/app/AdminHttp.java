package io.ssobroker.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Plain HTTP calls to a broker under test, and waiting for it to become ready. */
final class AdminHttp {

  // HTTP/1.1: the JDK client's h2c upgrade has left a response body unfinished, which no request timeout covers
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private AdminHttp() {}

  static HttpResponse<String> get(int port, String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls /health/ready until it answers 200, or fails after the deadline with the last answer. */
  static HttpResponse<String> awaitReady(int adminPort, Duration deadline, Process process)
      throws InterruptedException {
    Instant giveUp = Instant.now().plus(deadline);
    String last = "no answer";
    while (Instant.now().isBefore(giveUp)) {
      if (process != null && !process.isAlive()) {
        throw new AssertionError("broker exited with " + process.exitValue() + " before becoming ready");
      }
      try {
        HttpResponse<String> response = get(adminPort, "/health/ready");
        if (response.statusCode() == 200) {
          return response;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException notListeningYet) {
        last = notListeningYet.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not ready within " + deadline + "; last answer: " + last);
  }
}
