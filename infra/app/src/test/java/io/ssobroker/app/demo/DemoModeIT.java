package io.ssobroker.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.app.login.BrokerProcess;
import io.ssobroker.app.login.HeadlessChromium;
import io.ssobroker.app.login.PageCheck;
import io.ssobroker.platform.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code java -jar sso-broker.jar --demo} as a newcomer runs it: the runnable jar in its own process, its demo IdP
 * (NAV's mock-oauth2-server) on its own port, and a real browser that signs in through both.
 */
class DemoModeIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path work;
  private static final int httpPort = FreePorts.next();
  private static final int adminPort = FreePorts.next();
  private static final int idpPort = FreePorts.next();
  private static BrokerProcess broker;
  private static String baseUrl;

  @BeforeAll
  static void start() throws Exception {
    baseUrl = "http://127.0.0.1:" + httpPort;
    broker = BrokerProcess.start(work.resolve("demo.log"), adminPort, List.of("--demo",
        "--data-dir", work.resolve("data").toString(), "--http-port", String.valueOf(httpPort),
        "--kafka-port", String.valueOf(FreePorts.next()), "--demo-idp-port", String.valueOf(idpPort),
        "--public-base-url", baseUrl));
    awaitReady();
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  private static void awaitReady() throws Exception {
    Instant giveUp = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(giveUp)) {
      if (get("http://127.0.0.1:" + adminPort + "/health/ready").statusCode() == 200
          && broker.output().contains("Admin token:")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the demo did not get ready:\n" + broker.output());
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path demoData() {
    return work.resolve("data").resolve("demo");
  }

  @Test
  void theStartTellsWhatToOpenAndWhomToSignInAs() throws Exception {
    String output = broker.output();

    assertThat(output).contains("Open " + baseUrl + "/test-app").contains("alice@demo.example signs in")
        .contains("carol@demo.example is refused").contains("Admin console: http://127.0.0.1:" + adminPort + "/console")
        .contains("Admin token:   in " + demoData().resolve("admin-token").toAbsolutePath().normalize());
    Path token = demoData().resolve("admin-token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
    assertThat(output).as("the token stays in its file").doesNotContain(Files.readString(token).strip());
    assertThat(demoData().resolve("postgres")).isDirectory();
  }

  @Test
  void aNewcomerSignsInAsAliceThroughTheDemoIdpInABrowser() throws Exception {
    WebDriver browser = HeadlessChromium.start(Files.createTempDirectory(work, "alice"));
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get(baseUrl + "/");
      assertThat(browser.getPageSource()).contains("Demo mode");
      PageCheck.check(browser, "public-landing");
      browser.findElement(By.linkText("Open the test application")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
      PageCheck.check(browser, "sign-in-email");
      browser.findElement(By.id("email")).sendKeys("alice@demo.example");
      browser.findElement(By.cssSelector("button[type=submit]")).click();

      wait.until(ExpectedConditions.titleContains("Demo IdP"));
      assertThat(browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + idpPort + "/demo/authorize");
      PageCheck.check(browser, "demo-idp");
      browser.findElement(By.xpath("//button[contains(., 'alice@demo.example')]")).click();

      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connected")));
      assertThat(browser.findElement(By.id("connected")).getText()).isEqualTo("Connected as alice@demo.example");
      assertThat(browser.getPageSource()).contains("<code>demo</code>");
      PageCheck.check(browser, "test-app-connected");
    } finally {
      browser.quit();
    }
  }

  @Test
  void aUserTheDirectoryDisabledOrDoesNotKnowIsRefusedWithTheCategory() throws Exception {
    for (String person : List.of("carol@demo.example", "mallory@demo.example")) {
      WebDriver browser = HeadlessChromium.start(Files.createTempDirectory(work, "refused"));
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(baseUrl + "/test-app");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email"))).sendKeys(person);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.titleContains("Demo IdP"));
        browser.findElement(By.xpath("//button[contains(., '" + person + "')]")).click();

        wait.until(ExpectedConditions.not(ExpectedConditions.titleContains("Demo IdP")));
        assertThat(browser.getPageSource()).as(person).contains("USER_NOT_ALLOWED").doesNotContain("Connected as");
        PageCheck.check(browser, "login-error-" + person.substring(0, person.indexOf('@')));
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  void theConsoleTakesTheDemosTokenAndShowsTheDemoOrg() throws Exception {
    WebDriver browser = HeadlessChromium.start(Files.createTempDirectory(work, "console"));
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get("http://127.0.0.1:" + adminPort + "/");
      PageCheck.check(browser, "admin-landing");
      browser.findElement(By.linkText("Admin console")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token")))
          .sendKeys(Files.readString(demoData().resolve("admin-token")).strip());
      browser.findElement(By.xpath("//button[normalize-space(.)='Sign in']")).click();

      wait.until(ExpectedConditions.titleContains("Orgs"));
      browser.findElement(By.linkText("demo")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connectors")));
      String page = browser.getPageSource();
      assertThat(page).contains("Demo mode").contains("Demo IdP (sample data)").contains("demo.example")
          .contains("state active").contains("state verified");
    } finally {
      browser.quit();
    }
  }

  @Test
  void theDemoRefusesAnExternalDatabaseNamingTheKey() throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
        Path.of("target/sso-broker.jar").toString(), "--demo", "--data-dir", work.resolve("refused").toString(),
        "--database-url", "postgresql://sso:secret@127.0.0.1:1/sso"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes());

    assertThat(process.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("database.url").contains("--demo").doesNotContain("secret@");
  }
}
