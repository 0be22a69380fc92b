package io.ssobroker.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A person at the console over HTTP: keeps its cookies, follows no redirect, posts forms as a browser does. */
final class ConsoleVisitor {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final String origin;
  private final HttpClient http;

  ConsoleVisitor(int adminPort) {
    this.origin = "http://127.0.0.1:" + adminPort;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form as the console's own page would: from its origin. */
  HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    return post(path, form, "Origin", origin, "Sec-Fetch-Site", "same-origin");
  }

  HttpResponse<String> post(String path, Map<String, String> form, String... headers) throws Exception {
    String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a file form of this page as a browser does ({@code multipart/form-data}), with its CSRF token. */
  HttpResponse<String> upload(String pagePath, String formPath, Map<String, String> fields, String fileField,
      String fileName, byte[] file) throws Exception {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("csrf", csrf(get(pagePath).body()));
    return uploadRaw(formPath, form, fileField, fileName, file);
  }

  HttpResponse<String> uploadRaw(String formPath, Map<String, String> fields, String fileField, String fileName,
      byte[] file) throws Exception {
    String boundary = "----console-test-" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
          + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
        + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(origin + formPath)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Origin", origin).header("Sec-Fetch-Site", "same-origin")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Opens the sign-in page and signs in with this token; the answer to the form. */
  HttpResponse<String> signIn(String token) throws Exception {
    String page = get("/console/sign-in").body();
    return post("/console/sign-in", Map.of("csrf", csrf(page), "token", token));
  }

  /** Posts a form of this page, with its CSRF token and these fields. */
  HttpResponse<String> submit(String pagePath, String formPath, Map<String, String> fields) throws Exception {
    HttpResponse<String> page = get(pagePath);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("csrf", csrf(page.body()));
    return post(formPath, form);
  }

  static String csrf(String page) {
    Matcher token = CSRF.matcher(page);
    assertThat(token.find()).as("a CSRF token in %s", page).isTrue();
    return token.group(1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
