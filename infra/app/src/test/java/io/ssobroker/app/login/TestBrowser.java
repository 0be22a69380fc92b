package io.ssobroker.app.login;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A browser for tests: keeps its own cookies, follows no redirect by itself, so that each hop between the broker and
 * the IdP can be looked at. {@link #follow} walks the redirects the way a browser would.
 */
public final class TestBrowser {

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;
  private final List<URI> visited = new ArrayList<>();

  public TestBrowser() {
    this(HttpClient.Version.HTTP_2);
  }

  private TestBrowser(HttpClient.Version version) {
    client = HttpClient.newBuilder()
        .version(version)
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /**
   * Over HTTP/1.1 only, as a reverse proxy reaches the broker. The JDK 17 client fails every open HTTP/2 stream when a
   * GOAWAY arrives, even those the server announced it would still answer (JDK-8335181).
   */
  public static TestBrowser overHttp11() {
    return new TestBrowser(HttpClient.Version.HTTP_1_1);
  }

  public HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
    return send(request(url, headers).GET().build());
  }

  public HttpResponse<String> post(String url, Map<String, String> form, String... headers)
      throws IOException, InterruptedException {
    StringJoiner body = new StringJoiner("&");
    form.forEach((name, value) -> body.add(encode(name) + "=" + encode(value)));
    return send(request(url, headers).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  /** Any method, with a JSON body when one is given (and the cookies of this browser, as every request). */
  public HttpResponse<String> json(String method, String url, String jsonBody, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = request(url, headers);
    if (jsonBody != null) {
      builder.header("Content-Type", "application/json");
    }
    return send(builder.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(jsonBody)).build());
  }

  /** Follows redirects from this answer until one that is not a redirect, or one to a URL starting with {@code stopAt}. */
  public HttpResponse<String> follow(HttpResponse<String> response, String stopAt) throws IOException, InterruptedException {
    HttpResponse<String> current = response;
    for (int hops = 0; hops < 10 && isRedirect(current); hops++) {
      String location = current.uri().resolve(current.headers().firstValue("Location").orElseThrow()).toString();
      if (stopAt != null && location.startsWith(stopAt)) {
        return current;
      }
      current = get(location);
    }
    return current;
  }

  public static boolean isRedirect(HttpResponse<?> response) {
    return response.statusCode() >= 300 && response.statusCode() < 400 && response.headers().firstValue("Location").isPresent();
  }

  public static String location(HttpResponse<?> response) {
    return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
  }

  public Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
        .findFirst();
  }

  public void setCookie(URI uri, String name, String value, String path) {
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath(path);
    cookie.setVersion(0);
    cookies.getCookieStore().add(uri, cookie);
  }

  public List<URI> visited() {
    return visited;
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    visited.add(request.uri());
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String url, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("User-Agent", "sso-test-browser");
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
