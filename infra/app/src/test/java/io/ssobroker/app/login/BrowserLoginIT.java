package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A login in a real browser (Debian's headless Chromium through chromedriver): the test application's form, the
 * IdP's redirects, the callback, the cookies as a browser keeps them, and logout.
 */
class BrowserLoginIT {


  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    var idp = environment.idp("/browser").client("acme-app", "acme-secret")
        .user("alice-sub", Map.of("email", "alice@acme.com", "name", "Alice Browser"));
    environment.startBroker(work, """
        {"acme": [{"kind": "oidc", "displayName": "Acme SSO", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "acme-secret"}}]}
        """.formatted(idp.discoveryUrl()), "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\"}\n",
        Map.of());
    browser = HeadlessChromium.start(work);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    environment.close();
  }

  @Test
  void aUserLogsInThroughTheTestAppAndOutAgain() {
    String base = environment.broker().baseUrl;
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get(base + "/test-app");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Not connected");

    browser.findElement(By.id("email")).sendKeys("alice@acme.com");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connected")));

    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/test-app");
    assertThat(browser.findElement(By.id("connected")).getText()).isEqualTo("Connected as alice@acme.com");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Alice Browser").contains("acme");
    Cookie session = browser.manage().getCookieNamed("sso_session");
    assertThat(session).isNotNull();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Lax");

    browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Not connected"));
    assertThat(browser.manage().getCookieNamed("sso_session")).isNull();
  }
}
