package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.STATE_INVALID;
import static io.ssobroker.platform.audit.LoginFailureCategory.USER_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.OidcLoginHarness.PendingLogin;
import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.log.CorrelationId;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hosted pages in the browser's language (English, French, German from {@code Accept-Language}), and the error
 * page of a failed IdP answer at its own address: no code, no state, no SAML response in the address bar, the hint of
 * the failure sealed by the broker, and "Back to sign in" for the same target the login started with.
 */
class HostedPagesIT {

  @TempDir
  static Path work;

  private static final Pattern BACK_TO_SIGN_IN = Pattern.compile("<a class=\"button\" href=\"(/login[^\"]*)\">");
  private static final MovableClock clock = new MovableClock(Instant.now());
  private static final LoginTestEnvironment environment = new LoginTestEnvironment().withClock(clock);
  private static TestIdp idp;
  private static LoginBroker broker;
  private static AuditTopicReader audit;
  private static OidcLoginHarness logins;

  @BeforeAll
  static void start() throws Exception {
    idp = environment.idp("/hosted").client("acme-app", "acme-secret");
    String connectors = """
        {"acme": [{"kind": "oidc", "displayName": "Acme Corporate Login", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "acme-secret"}}]}
        """.formatted(idp.discoveryUrl());
    environment.startBroker(work, connectors,
        "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\"}\n", Map.of());
    broker = environment.broker();
    audit = environment.audit();
    logins = environment.logins();
    // the IdP signs in someone the directory does not know: every login here fails with USER_NOT_ALLOWED
    idp.user("zoe-sub", Map.of("email", "zoe@acme.com", "name", "Zoé"));
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  // ---- languages ----

  @Test
  void germanIsChosenFromAcceptLanguageAndTheAnswerSaysSo() throws Exception {
    HttpResponse<String> page = new TestBrowser().get(broker.baseUrl + "/login?return_to=/test-app",
        "Accept-Language", "de-DE,de;q=0.9");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).startsWith("<!doctype html><html lang=\"de\">").contains("<title>Anmelden</title>")
        .contains("<label for=\"email\">Geschäftliche E-Mail-Adresse</label>").contains(">Weiter</button>")
        .contains("name=\"return_to\" value=\"/test-app\"");
    assertThat(page.headers().firstValue("Content-Language")).hasValue("de");
    assertThat(page.headers().allValues("Vary")).anyMatch(vary -> vary.contains("Accept-Language"));
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");

    HttpResponse<String> notEnabled = new TestBrowser().get(broker.baseUrl + "/login?email=jemand@example.org",
        "Accept-Language", "de");
    assertThat(notEnabled.body()).contains("Single Sign-on ist für <strong>example.org</strong> nicht aktiviert.")
        .contains(">Andere E-Mail-Adresse verwenden</a>");
  }

  @Test
  void qValuesOrderTheLanguagesAndAZeroRefusesOne() throws Exception {
    assertThat(languageFor("en;q=0.3, fr;q=0.9, de;q=0.5")).isEqualTo("fr");
    assertThat(languageFor("es, it;q=0.8, de-AT;q=0.2")).isEqualTo("de");
    assertThat(languageFor("fr;q=0, de;q=0.1")).isEqualTo("de");
    assertThat(new TestBrowser().get(broker.baseUrl + "/o/acme/login", "Accept-Language", "fr-CA").body())
        .contains("<html lang=\"fr\">").contains("<h1>Connexion à acme</h1>")
        .contains(">Se connecter avec Acme Corporate Login</a>").contains(">Se connecter avec une adresse e-mail</a>");
  }

  @Test
  void aMalformedMissingOrUnsupportedHeaderIsEnglish() throws Exception {
    for (String header : List.of("fr;q=abc", "de;q=2", "es-ES, it", "*", "=;,")) {
      HttpResponse<String> page = new TestBrowser().get(broker.baseUrl + "/login", "Accept-Language", header);
      assertThat(page.statusCode()).as(header).isEqualTo(200);
      assertThat(page.body()).as(header).contains("<html lang=\"en\">").contains("Work email");
      assertThat(page.headers().firstValue("Content-Language")).as(header).hasValue("en");
    }
    HttpResponse<String> without = new TestBrowser().get(broker.baseUrl + "/login");
    assertThat(without.headers().firstValue("Content-Language")).hasValue("en");
  }

  @Test
  void everyPageLoadsOnlyTheEdgesStylesheetUnderAStrictPolicy() throws Exception {
    HttpResponse<String> page = new TestBrowser().get(broker.baseUrl + "/");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'none'; style-src 'self'; img-src https:; frame-ancestors 'none'; base-uri 'none'");
    assertThat(page.body()).contains("<link rel=\"stylesheet\" href=\"/assets/hosted.css\">").doesNotContain("<style")
        .doesNotContain(" style=");

    HttpResponse<String> css = new TestBrowser().get(broker.baseUrl + "/assets/hosted.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(css.body()).contains("min-height: 44px").contains("--line: #6b7280").contains(":focus-visible");
  }

  // ---- the error page of a failed IdP answer ----

  @Test
  void aFailedCallbackLeavesItsAddressForTheErrorPageInTheBrowsersLanguage() throws Exception {
    idp.user("yann-sub", Map.of("email", "yann@acme.com"));
    PendingLogin login;
    try {
      login = logins.begin(new TestBrowser(), "/login?email=yann@acme.com&return_to=/test-app");
    } finally {
      idp.user("zoe-sub", Map.of("email", "zoe@acme.com", "name", "Zoé"));
    }
    assertThat(login.callbackUrl()).contains("code=").contains("state=");

    HttpResponse<String> callback = login.browser().get(login.callbackUrl(), "Accept-Language", "de-DE,de;q=0.9");

    assertThat(callback.statusCode()).isEqualTo(303);
    String location = TestBrowser.location(callback);
    assertThat(location).startsWith("/login/error?e=").doesNotContain("code=").doesNotContain("state=")
        .doesNotContain(login.callbackUrl().replaceAll(".*[?&]code=([^&]*).*", "$1"));
    assertThat(callback.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(callback.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("sso_session="));

    HttpResponse<String> page = login.browser().get(broker.baseUrl + location, "Accept-Language", "de-DE,de;q=0.9");
    assertThat(page.statusCode()).isEqualTo(USER_NOT_ALLOWED.httpStatus());
    assertThat(page.headers().firstValue("Content-Language")).hasValue("de");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.body()).contains("<h1>Dieser Benutzer darf sich nicht anmelden</h1>")
        .contains("Ihr Konto existiert in diesem Produkt noch nicht.")
        .contains("<code>USER_NOT_ALLOWED</code> (unknown_user)").contains(">Zurück zur Anmeldung</a>");
    assertThat(backToSignIn(page)).isEqualTo("/login?return_to=%2Ftest-app");

    String reference = page.body().replaceAll("(?s).*Support-Referenz: <code>([^<]+)</code>.*", "$1");
    JsonObject event = audit.event(reference);
    assertThat(event.getString("type")).isEqualTo("login.failed");
    assertThat(event.getString("category")).isEqualTo(USER_NOT_ALLOWED.code());
    assertThat(event.getString("reason")).isEqualTo("unknown_user");

    HttpResponse<String> english = login.browser().get(broker.baseUrl + location);
    assertThat(english.statusCode()).as("a reload shows the page again").isEqualTo(403);
    assertThat(english.body()).contains("Your account does not exist in this product yet.")
        .contains("Support reference: <code>" + reference + "</code>");
    assertThat(failuresRecordedFor("yann@acme.com")).as("one event, however often the page is shown").isEqualTo(1);
  }

  @Test
  void aJsonClientIsStillAnsweredAtTheCallbackItself() throws Exception {
    logins.rejectedCallback(logins.begin("zoe@acme.com"), USER_NOT_ALLOWED, "unknown_user");
  }

  @Test
  void aCallbackWithoutStateAndAnAcsPostWithAForeignRelayStateLeaveTheirAddressesToo() throws Exception {
    TestBrowser browser = new TestBrowser();
    HttpResponse<String> callback = browser.get(broker.baseUrl + "/login/callback?code=secret-code-123");
    assertThat(callback.statusCode()).isEqualTo(303);
    assertThat(TestBrowser.location(callback)).doesNotContain("secret-code-123");
    HttpResponse<String> page = browser.follow(callback, null);
    assertThat(page.statusCode()).isEqualTo(STATE_INVALID.httpStatus());
    assertThat(page.body()).contains("<code>STATE_INVALID</code> (missing)");
    assertThat(backToSignIn(page)).isEqualTo("/login");

    HttpResponse<String> acs = browser.post(broker.baseUrl + "/login/saml/acs",
        Map.of("SAMLResponse", "PHNhbWxwOlJlc3BvbnNlLz4", "RelayState", "not-a-state"));
    assertThat(acs.statusCode()).isEqualTo(303);
    assertThat(TestBrowser.location(acs)).startsWith("/login/error?e=").doesNotContain("PHNhbWxw")
        .doesNotContain("not-a-state");
    HttpResponse<String> acsPage = browser.follow(acs, null);
    assertThat(acsPage.statusCode()).isEqualTo(STATE_INVALID.httpStatus());
    assertThat(acsPage.body()).contains("<code>STATE_INVALID</code> (malformed)");
  }

  @Test
  void theErrorPageOfAProductsLoginLeadsBackToTheSameAuthorizationRequest() throws Exception {
    TestBrowser browser = new TestBrowser();
    HttpResponse<String> page = browser.follow(browser.get(broker.baseUrl + "/test-app/login?email=zoe@acme.com"),
        null);

    assertThat(page.statusCode()).as(page.body()).isEqualTo(USER_NOT_ALLOWED.httpStatus());
    assertThat(browser.visited().get(browser.visited().size() - 1).getPath()).isEqualTo("/login/error");
    String back = backToSignIn(page);
    assertThat(back).startsWith("/login?authorization=");
    HttpResponse<String> form = browser.get(broker.baseUrl + back);
    assertThat(form.statusCode()).isEqualTo(200);
    String sealed = URLDecoder.decode(back.substring("/login?authorization=".length()), StandardCharsets.UTF_8);
    assertThat(form.body()).contains("name=\"authorization\" value=\"" + sealed + "\"");

    HttpResponse<String> started = browser.post(broker.baseUrl + "/login",
        Map.of("email", "zoe@acme.com", "authorization", sealed));
    assertThat(started.statusCode()).as("the login starts again for the test application").isEqualTo(302);
    assertThat(TestBrowser.location(started)).startsWith(idp.authorizationEndpoint());
  }

  @Test
  void aForgedGarbledOrStaleErrorAddressShowsOnlyThatTheSignInFailed() throws Exception {
    String attack = "<script>alert('owned')</script> Call +1 555 0100 for support";
    JsonObject lie = new JsonObject().put("c", "USER_NOT_ALLOWED").put("r", attack).put("ref", attack)
        .put("t", clock.instant().getEpochSecond());
    List<String> forged = List.of("", "garbage", enc(attack), enc(broker.sealWithStateKeys(lie, "sso-login-error-page-v1")),
        enc(broker.sealWithStateKeys(lie.copy().put("r", "unknown_user"), "sso-login-state-v1")), "A".repeat(3000));
    for (String e : forged) {
      HttpResponse<String> page = new TestBrowser().get(broker.baseUrl + "/login/error?e=" + e,
          "Accept-Language", "fr-FR");
      assertThat(page.statusCode()).as(e).isEqualTo(400);
      assertThat(page.body()).as(e).contains("<h1>Échec de la connexion</h1>").doesNotContain("script")
          .doesNotContain("555").doesNotContain("USER_NOT_ALLOWED");
      assertThat(backToSignIn(page)).isEqualTo("/login");
    }
    HttpResponse<String> json = new TestBrowser().get(broker.baseUrl + "/login/error?e=garbage",
        "Accept", "application/json");
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(json.body()).getString("error")).isEqualTo("bad_request");

    PendingLogin login = logins.begin("zoe@acme.com");
    String location = TestBrowser.location(login.browser().get(login.callbackUrl()));
    String token = location.substring(location.indexOf("e=") + 2);
    int middle = token.length() / 2;
    String tampered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A')
        + token.substring(middle + 1);
    assertThat(new TestBrowser().get(broker.baseUrl + "/login/error?e=" + tampered).statusCode()).isEqualTo(400);
    assertThat(new TestBrowser().get(broker.baseUrl + location).statusCode()).as("fresh").isEqualTo(403);

    clock.advance(Duration.ofMinutes(11));
    idp.clockOffset(Duration.between(Instant.now(), clock.instant()));
    HttpResponse<String> stale = new TestBrowser().get(broker.baseUrl + location);
    assertThat(stale.statusCode()).as("older than a login lives").isEqualTo(400);
    assertThat(stale.body()).contains("the details of this error can no longer be shown");
  }

  // ---- in a real browser, in French ----

  @Test
  void aFrenchUserWalksTheHostedPagesInChromium() throws Exception {
    WebDriver browser = HeadlessChromium.start(Files.createTempDirectory(work, "fr"), "fr-FR,fr");
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get(broker.baseUrl + "/login?return_to=/test-app");
      assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
      assertThat(browser.findElement(By.cssSelector("label[for=email]")).getText())
          .isEqualTo("Adresse e-mail professionnelle");
      PageCheck.check(browser, "fr-sign-in-email");

      browser.findElement(By.id("email")).sendKeys("marie@intranet");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email-error")));
      WebElement field = browser.findElement(By.id("email"));
      assertThat(error.getText()).isEqualTo("Saisissez une adresse e-mail valide.");
      assertThat(error.getAttribute("role")).isEqualTo("alert");
      assertThat(field.getAttribute("value")).isEqualTo("marie@intranet");
      assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(field.getAttribute("aria-describedby")).isEqualTo("email-error");
      assertThat(browser.findElement(By.cssSelector("input[name=return_to]")).getAttribute("value"))
          .isEqualTo("/test-app");
      PageCheck.check(browser, "fr-sign-in-refused");

      field.clear();
      field.sendKeys("quelquun@example.org");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      WebElement another = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.linkText("Utiliser une autre adresse e-mail")));
      assertThat(another.getAttribute("href")).isEqualTo(broker.baseUrl + "/login?return_to=%2Ftest-app");
      PageCheck.check(browser, "fr-sso-not-enabled");
      another.click();

      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email"))).sendKeys("zoe@acme.com");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("/login/error"));
      assertThat(browser.getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");
      assertThat(browser.findElement(By.tagName("h1")).getText())
          .isEqualTo("Cet utilisateur n’est pas autorisé à se connecter");
      assertThat(browser.findElement(By.tagName("main")).getText())
          .contains("Votre compte n’existe pas encore dans ce produit.").contains("Référence pour le support");
      PageCheck.check(browser, "fr-login-error");

      WebElement back = browser.findElement(By.linkText("Retour à la connexion"));
      assertThat(back.getAttribute("href")).isEqualTo(broker.baseUrl + "/login?return_to=%2Ftest-app");
      back.click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
      assertThat(browser.findElement(By.cssSelector("input[name=return_to]")).getAttribute("value"))
          .isEqualTo("/test-app");
    } finally {
      browser.quit();
    }
  }

  private static String languageFor(String acceptLanguage) throws Exception {
    HttpResponse<String> page = new TestBrowser().get(broker.baseUrl + "/login", "Accept-Language", acceptLanguage);
    String language = page.headers().firstValue("Content-Language").orElseThrow();
    assertThat(page.body()).contains("<html lang=\"" + language + "\">");
    return language;
  }

  private static String backToSignIn(HttpResponse<String> page) {
    Matcher matcher = BACK_TO_SIGN_IN.matcher(page.body());
    assertThat(matcher.find()).as("a link back to the email page in %s", page.body()).isTrue();
    return matcher.group(1).replace("&amp;", "&");
  }

  /**
   * How many login.failed events the audit topic holds for this email, once an event written after them is there too
   * (one org, one partition: in order).
   */
  private static long failuresRecordedFor(String email) throws Exception {
    HttpResponse<String> marker = new TestBrowser().get(broker.baseUrl + "/login?email=alice@acme.com");
    String correlation = marker.headers().firstValue(CorrelationId.HEADER).orElseThrow();
    assertThat(audit.await(event -> "login.started".equals(event.getString("type"))
        && correlation.equals(event.getString("correlationId")), 1, Duration.ofSeconds(20))).hasSize(1);
    return audit.await(event -> "login.failed".equals(event.getString("type"))
        && email.equals(event.getString("email")), 1, Duration.ZERO).size();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
