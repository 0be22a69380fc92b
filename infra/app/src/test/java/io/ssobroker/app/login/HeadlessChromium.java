package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** A real browser for the tests: Debian's headless Chromium through its chromium-driver, with a fresh profile. */
public final class HeadlessChromium {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /**
   * Fails (never skips) when the packages are missing: CI installs them. The browser reads English, whatever the
   * machine's locale, so that the tests' expected texts hold everywhere.
   */
  public static WebDriver start(Path profileParent) throws IOException {
    return start(profileParent, "en-US,en");
  }

  /**
   * A browser whose user reads these languages, as {@code Accept-Language} lists them ({@code "fr-FR,fr"}): its
   * interface language and its {@code intl.accept_languages} preference.
   */
  public static WebDriver start(Path profileParent, String languages) throws IOException {
    assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium)").isExecutable();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver (apt-get install chromium-driver)").isExecutable();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + Files.createDirectories(profileParent.resolve("chromium-profile")));
    options.addArguments("--lang=" + languages.split(",")[0]);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
