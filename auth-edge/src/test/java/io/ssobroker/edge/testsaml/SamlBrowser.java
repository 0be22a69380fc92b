package io.ssobroker.edge.testsaml;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for an IdP's login page: follows the AuthnRequest redirect, fills the username and password form,
 * and picks up the auto-submitting HTTP-POST form that carries {@code SAMLResponse} and {@code RelayState} to the ACS
 * (without posting it: the test hands it to the code under test). Cookies are kept, as a browser keeps them.
 */
public final class SamlBrowser {

  /** What the IdP's page would post to the ACS. */
  public record PostedResponse(URI action, String samlResponse, Optional<String> relayState) {}

  private static final Pattern TAG = Pattern.compile("<(form|input)\\b[^>]*>", Pattern.CASE_INSENSITIVE);

  private final HttpClient http = HttpClient.newBuilder()
      .cookieHandler(new LoopbackIsSecure(new CookieManager(null, CookiePolicy.ACCEPT_ALL)))
      .followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** Opens the AuthnRequest URL, logs in, and answers what the IdP would post back. */
  public PostedResponse login(URI authnRequest, String username, String password)
      throws IOException, InterruptedException {
    HttpResponse<String> loginPage = get(authnRequest);
    return submitLogin(loginPage, username, password);
  }

  /** Opens an IdP-initiated login URL, logs in, and answers what the IdP would post. */
  public PostedResponse loginAt(URI idpInitiated, String username, String password)
      throws IOException, InterruptedException {
    return submitLogin(get(idpInitiated), username, password);
  }

  private PostedResponse submitLogin(HttpResponse<String> loginPage, String username, String password)
      throws IOException, InterruptedException {
    if (loginPage.statusCode() != 200) {
      throw new IllegalStateException("the IdP answered " + loginPage.statusCode() + ":\n" + loginPage.body());
    }
    String action = tags(loginPage.body(), "form").stream()
        .filter(form -> "kc-form-login".equals(attribute(form, "id").orElse(null)))
        .findFirst()
        .flatMap(form -> attribute(form, "action"))
        .orElseThrow(() -> new IllegalStateException("no login form on the IdP's page:\n" + loginPage.body()));
    URI loginAction = loginPage.uri().resolve(action);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", username);
    form.put("password", password);
    form.put("credentialId", "");
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(loginAction)
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    return postedForm(answer);
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static PostedResponse postedForm(HttpResponse<String> page) {
    Optional<String> samlResponse = hiddenInput(page.body(), "SAMLResponse");
    if (page.statusCode() != 200 || samlResponse.isEmpty()) {
      throw new IllegalStateException("the IdP did not answer with a SAMLResponse form (" + page.statusCode() + "):\n"
          + page.body());
    }
    URI target = tags(page.body(), "form").stream().findFirst().flatMap(form -> attribute(form, "action"))
        .map(page.uri()::resolve).orElse(page.uri());
    return new PostedResponse(target, samlResponse.get(), hiddenInput(page.body(), "RelayState"));
  }

  /**
   * Browsers treat http://127.0.0.1 as a secure context and send it {@code Secure} cookies, which Keycloak sets even
   * over plain HTTP; Java's cookie manager would not.
   */
  private static final class LoopbackIsSecure extends CookieHandler {
    private final CookieHandler cookies;

    LoopbackIsSecure(CookieHandler cookies) {
      this.cookies = cookies;
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
      return cookies.get(secure(uri), requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
      cookies.put(secure(uri), responseHeaders);
    }

    private static URI secure(URI uri) {
      if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost())) {
        return uri;
      }
      try {
        return new URI("https", uri.getRawAuthority(), uri.getRawPath(), null, null);
      } catch (java.net.URISyntaxException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  static Optional<String> hiddenInput(String html, String name) {
    return tags(html, "input").stream()
        .filter(input -> name.equals(attribute(input, "name").orElse(null)))
        .findFirst()
        .flatMap(input -> attribute(input, "value"));
  }

  private static List<String> tags(String html, String tagName) {
    List<String> tags = new ArrayList<>();
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      if (tag.group(1).equalsIgnoreCase(tagName)) {
        tags.add(tag.group());
      }
    }
    return tags;
  }

  private static Optional<String> attribute(String tag, String name) {
    Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(tag);
    return value.find() ? Optional.of(unescape(value.group(1))) : Optional.empty();
  }

  static String unescape(String html) {
    return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#61;", "=").replace("&#43;", "+")
        .replace("&#47;", "/").replace("&lt;", "<").replace("&gt;", ">").replace("&#x3d;", "=")
        .replace("&#x2b;", "+").replace("&#x2f;", "/");
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
