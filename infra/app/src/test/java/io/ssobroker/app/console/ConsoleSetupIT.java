package io.ssobroker.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.AdminClient;
import io.ssobroker.app.login.HeadlessChromium;
import io.ssobroker.app.login.LoginTestEnvironment;
import io.ssobroker.app.login.PageCheck;
import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A platform admin sets up an org end to end in the console, in a real browser: the org, its domain verified against
 * a real DNS server (dnsmasq), an OIDC connector to a real OpenID Provider (mock-oauth2-server) through the wizard,
 * its check, a tester's sign-in at the test application, its activation; then a user of that org signs in.
 */
class ConsoleSetupIT {

  private static final String PLATFORM_TOKEN = "console-setup-platform-token-0123456789";
  private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");
  private static final LoginTestEnvironment environment = new LoginTestEnvironment();
  private static final int dnsPort = FreePorts.next();

  @TempDir
  static Path work;
  private static MockOAuth2Server idp;
  private static AdminClient platform;
  private static Process dns;

  @BeforeAll
  static void start() throws Exception {
    assertThat(DNSMASQ).as("Debian's dnsmasq (apt-get install dnsmasq-base)").isExecutable();
    idp = new MockOAuth2Server();
    idp.start(InetAddress.getByName("127.0.0.1"), 0);
    environment.startBroker(work, "{}", "", Map.of(), "--admin-token", PLATFORM_TOKEN,
        "--dns-resolver", "127.0.0.1:" + dnsPort);
    platform = new AdminClient(environment.broker().adminPort, PLATFORM_TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (dns != null) {
      dns.destroy();
      dns.waitFor(10, TimeUnit.SECONDS);
    }
    environment.close();
    if (idp != null) {
      idp.shutdown();
    }
  }

  private static void publishTxt(String name, String value) throws Exception {
    dns = new ProcessBuilder(DNSMASQ.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
        "--port=" + dnsPort, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
        "--pid-file=" + work.resolve("dnsmasq.pid"), "--txt-record=" + name + "," + value)
        .redirectErrorStream(true).redirectOutput(work.resolve("dnsmasq.log").toFile()).start();
    Thread.sleep(300);
    assertThat(dns.isAlive()).as("dnsmasq runs").isTrue();
  }

  private static String admin(String path) {
    return "http://127.0.0.1:" + environment.broker().adminPort + path;
  }

  private static void fill(WebDriver browser, String id, String value) {
    browser.findElement(By.id(id)).clear();
    browser.findElement(By.id(id)).sendKeys(value);
  }

  private static void press(WebDriver browser, String buttonText) {
    browser.findElement(By.xpath("//button[normalize-space(.)='" + buttonText + "']")).click();
  }

  @Test
  void aPlatformAdminSetsUpAnOrgInTheConsoleAndItsUsersSignIn() throws Exception {
    WebDriver browser = HeadlessChromium.start(Files.createTempDirectory(work, "admin"));
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get(admin("/console"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
      PageCheck.check(browser, "console-sign-in");
      browser.findElement(By.id("token")).sendKeys(PLATFORM_TOKEN);
      press(browser, "Sign in");
      wait.until(ExpectedConditions.titleContains("Orgs"));
      PageCheck.check(browser, "console-orgs");

      fill(browser, "slug", "hooli");
      fill(browser, "name", "Hooli");
      press(browser, "Create org");
      wait.until(ExpectedConditions.titleContains("Hooli"));

      fill(browser, "domain", "hooli.example");
      press(browser, "Claim");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "not verified"));
      JsonObject claimed = new JsonObject(platform.call("GET", "/admin/v1/orgs/hooli/domains/hooli.example", null)
          .body());
      String recordValue = claimed.getJsonObject("verificationRecord").getString("value");
      assertThat(browser.getPageSource()).contains(recordValue);
      publishTxt(claimed.getJsonObject("verificationRecord").getString("name"), recordValue);
      press(browser, "Verify hooli.example");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "hooli.example is verified"));
      PageCheck.check(browser, "console-org");

      browser.findElement(By.linkText("Add a connector")).click();
      PageCheck.check(browser, "console-connector-kinds");
      browser.findElement(By.linkText("Any OpenID Connect provider")).click();
      wait.until(ExpectedConditions.titleContains("Set up"));
      PageCheck.check(browser, "console-connector-setup");
      assertThat(browser.getPageSource()).contains(environment.broker().baseUrl + "/login/callback");
      fill(browser, "field-displayName", "Hooli SSO");
      fill(browser, "field-domains", "hooli.example");
      fill(browser, "field-parameters-discoveryEndpoint",
          idp.wellKnownUrl("hooli").toString());
      fill(browser, "field-parameters-clientId", "hooli-broker");
      fill(browser, "field-parameters-clientSecret", "hooli-secret");
      press(browser, "Create the connector");
      wait.until(ExpectedConditions.titleContains("Hooli SSO"));
      assertThat(browser.findElement(By.cssSelector("h1 .state")).getText()).isEqualTo("draft");

      press(browser, "Check the connector");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Every check passed"));
      PageCheck.check(browser, "console-connector");

      Path users = work.resolve("hooli-users.csv");
      Files.writeString(users, "email,name\ntess@hooli.example,Tess\numa@hooli.example,Uma\nnobody,No One\n");
      browser.get(admin("/console/orgs/hooli/users"));
      wait.until(ExpectedConditions.titleContains("Users of hooli"));
      PageCheck.check(browser, "console-users");
      browser.findElement(By.id("file")).sendKeys(users.toString());
      press(browser, "Import");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "2 created"));
      assertThat(browser.findElement(By.tagName("table")).getText()).contains("4 email not an email address");
      PageCheck.check(browser, "console-user-import");
      browser.get(admin("/console/orgs/hooli"));
      browser.findElement(By.linkText("Hooli SSO")).click();
      wait.until(ExpectedConditions.titleContains("Hooli SSO"));
      fill(browser, "testers", "tess@hooli.example");
      press(browser, "Start testing");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1 .state"), "testing"));
      assertThat(signInAtTheTestApp("tess@hooli.example")).isEqualTo("Connected as tess@hooli.example");

      String inAFewSeconds = Instant.now().plusSeconds(6).atOffset(ZoneOffset.UTC)
          .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
      ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
          "document.getElementById('at').value = arguments[0]", inAFewSeconds);
      press(browser, "Activate");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1 .state"), "scheduled"));
      assertThat(browser.getPageSource()).contains("Scheduled: it becomes active at " + inAFewSeconds);
      String connectorPage = admin("/console/orgs/hooli/connectors/"
          + new JsonObject(platform.call("GET", "/admin/v1/orgs/hooli/connectors", null).body())
              .getJsonArray("connectors").getJsonObject(0).getString("id"));
      new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
        driver.get(connectorPage);
        return driver.findElement(By.cssSelector("h1 .state")).getText().equals("active");
      });

      // the audit store is written from the topic, a moment after the change
      environment.audit().await(event -> "connector.activated".equals(event.getString("type"))
          && "hooli".equals(event.getString("org")), 1, Duration.ofSeconds(20));
      Instant giveUp = Instant.now().plusSeconds(20);
      do {
        browser.get(admin("/console/audit?org=hooli"));
        wait.until(ExpectedConditions.titleContains("Audit log"));
      } while (!browser.getPageSource().contains("<code>connector.activated</code>")
          && Instant.now().isBefore(giveUp));
      assertThat(browser.getPageSource()).contains("<code>admin.connector.scheduled</code>")
          .contains("<code>connector.activated</code>");
      PageCheck.check(browser, "console-audit");
      browser.findElement(By.linkText("Expiring credentials")).click();
      wait.until(ExpectedConditions.titleContains("Expiring"));
      PageCheck.check(browser, "console-expiring");

      browser.findElement(By.linkText("Product clients")).click();
      wait.until(ExpectedConditions.titleContains("Product clients"));
      PageCheck.check(browser, "console-clients");
      fill(browser, "name", "Hooli Analytics");
      fill(browser, "redirectUris", "https://analytics.hooli.example/callback");
      press(browser, "Create the client");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("client-secret")));
      PageCheck.check(browser, "console-client");
    } finally {
      browser.quit();
    }
    assertThat(signInAtTheTestApp("uma@hooli.example")).isEqualTo("Connected as uma@hooli.example");
    List<JsonObject> changes = environment.audit().await(event -> "hooli".equals(event.getString("org"))
        && event.getString("type").startsWith("admin."), 5, Duration.ofSeconds(20));
    assertThat(changes).extracting(event -> event.getString("type"))
        .contains("admin.org.created", "admin.domain.claimed", "admin.connector.created");
  }

  @Test
  void aCustomersItAdminSetsUpTheirOrgWithASetupLinkAndReachesNothingElse() throws Exception {
    platform.call("POST", "/admin/v1/orgs", "{\"slug\": \"piedpiper\", \"name\": \"Pied Piper\"}");
    platform.call("POST", "/admin/v1/orgs", "{\"slug\": \"raviga\", \"name\": \"Raviga\"}");
    WebDriver admin = HeadlessChromium.start(Files.createTempDirectory(work, "platform"));
    String link;
    try {
      WebDriverWait wait = new WebDriverWait(admin, Duration.ofSeconds(20));
      admin.get(admin("/console/sign-in"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token"))).sendKeys(PLATFORM_TOKEN);
      press(admin, "Sign in");
      wait.until(ExpectedConditions.titleContains("Orgs"));
      admin.get(admin("/console/orgs/piedpiper/setup-links"));
      fill(admin, "name", "Jared, IT at Pied Piper");
      press(admin, "Create setup link");
      link = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("created-link"))).getText();
      PageCheck.check(admin, "console-setup-links");
    } finally {
      admin.quit();
    }

    WebDriver itAdmin = HeadlessChromium.start(Files.createTempDirectory(work, "it-admin"));
    try {
      WebDriverWait wait = new WebDriverWait(itAdmin, Duration.ofSeconds(20));
      itAdmin.get(link);
      wait.until(ExpectedConditions.titleContains("Set up single sign-on"));
      PageCheck.check(itAdmin, "console-setup-start");
      press(itAdmin, "Start setup");
      wait.until(ExpectedConditions.titleContains("Pied Piper"));
      assertThat(itAdmin.findElement(By.cssSelector(".who")).getText())
          .isEqualTo("Signed in with a setup link for piedpiper");
      assertThat(itAdmin.findElements(By.linkText("Audit log"))).isEmpty();
      fill(itAdmin, "domain", "piedpiper.example");
      press(itAdmin, "Claim");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "not verified"));
      PageCheck.check(itAdmin, "console-setup-link-org");

      itAdmin.findElement(By.linkText("Add a connector")).click();
      itAdmin.findElement(By.linkText("Any OpenID Connect provider")).click();
      wait.until(ExpectedConditions.titleContains("Set up"));
      fill(itAdmin, "field-displayName", "Pied Piper SSO");
      fill(itAdmin, "field-domains", "piedpiper.example");
      fill(itAdmin, "field-parameters-discoveryEndpoint", idp.wellKnownUrl("piedpiper").toString());
      fill(itAdmin, "field-parameters-clientId", "piedpiper-broker");
      fill(itAdmin, "field-parameters-clientSecret", "piedpiper-secret");
      press(itAdmin, "Create the connector");
      wait.until(ExpectedConditions.titleContains("Pied Piper SSO"));
      press(itAdmin, "Check the connector");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Every check passed"));

      itAdmin.get(admin("/console/orgs/raviga"));
      wait.until(ExpectedConditions.titleContains("Not found"));
      assertThat(itAdmin.getPageSource()).doesNotContain("Raviga");
      itAdmin.get(admin("/console/orgs/piedpiper/users"));
      wait.until(ExpectedConditions.titleContains("Not possible"));
    } finally {
      itAdmin.quit();
    }
    JsonObject connectors = new JsonObject(platform.call("GET", "/admin/v1/orgs/piedpiper/connectors", null).body());
    assertThat(connectors.getJsonArray("connectors")).hasSize(1);
    List<JsonObject> changes = environment.audit().await(event -> "piedpiper".equals(event.getString("org"))
        && List.of("admin.domain.claimed", "admin.connector.created").contains(event.getString("type")), 2,
        Duration.ofSeconds(20));
    assertThat(changes).allSatisfy(event -> assertThat(event.getJsonObject("details").getJsonObject("actor")
        .getString("name")).isEqualTo("setup link for piedpiper"));
  }

  @Test
  void aPageOfAnotherSiteCannotFrameTheConsole() throws Exception {
    com.sun.net.httpserver.HttpServer attacker = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
    byte[] page = ("<!doctype html><title>Win a prize</title><iframe id=\"framed\" src=\""
        + admin("/console/sign-in") + "\" width=\"800\" height=\"600\"></iframe>")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    attacker.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    attacker.start();
    WebDriver browser = HeadlessChromium.start(Files.createTempDirectory(work, "framed"));
    try {
      browser.get("http://127.0.0.2:" + attacker.getAddress().getPort() + "/");
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.titleIs("Win a prize"));
      browser.switchTo().frame("framed");
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
        Object loaded = ((org.openqa.selenium.JavascriptExecutor) driver)
            .executeScript("return document.readyState + ' ' + location.href");
        return String.valueOf(loaded).startsWith("complete") && !String.valueOf(loaded).contains("about:blank");
      });
      assertThat(browser.findElements(By.id("token"))).as("the console's sign-in form in the frame").isEmpty();
      browser.switchTo().defaultContent();
    } finally {
      browser.quit();
      attacker.stop(0);
    }
    browser = HeadlessChromium.start(Files.createTempDirectory(work, "direct"));
    try {
      browser.get(admin("/console/sign-in"));
      assertThat(browser.findElements(By.id("token"))).as("the same page opened directly").hasSize(1);
    } finally {
      browser.quit();
    }
  }

  /** A person who signs in at the test application in a browser of their own; what it says then. */
  private static String signInAtTheTestApp(String email) throws Exception {
    idp.enqueueCallback(new DefaultOAuth2TokenCallback("hooli", email, "JWT", List.of("hooli-broker"),
        Map.of("email", email, "email_verified", true), 3600));
    WebDriver browser = HeadlessChromium.start(Files.createTempDirectory(work, "user"));
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get(environment.broker().baseUrl + "/test-app");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email"))).sendKeys(email);
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connected")));
      return browser.findElement(By.id("connected")).getText();
    } finally {
      browser.quit();
    }
  }
}
