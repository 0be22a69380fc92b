package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * What every page a person sees must pass in a real browser: Deque's axe-core (the npm package the CI installs, run
 * inside the page) finds no violation of serious or critical impact, at a desktop and at a phone width. Each check
 * keeps a screenshot of both in {@code target/screenshots}; with {@code -Dsso.docs.screenshots=true} they are also
 * written to {@code docs/screenshots}, where docs/console.md shows them.
 */
public final class PageCheck {

  private static final Path AXE = Path.of("src/test/node/node_modules/axe-core/axe.min.js");
  private static final Path KEPT = Path.of("target/screenshots");
  private static final Path DOCS = Path.of("../../docs/screenshots");
  private static final List<Size> SIZES = List.of(new Size("desktop", 1280, 1000), new Size("phone", 390, 1400));

  private record Size(String name, int width, int height) {}

  private static String axeSource;

  private PageCheck() {}

  /** Checks the page the browser shows now, at both widths, and keeps its screenshots as {@code name-<size>.png}. */
  public static void check(WebDriver browser, String name) throws IOException {
    assertThat(AXE).as("axe-core from npm (npm ci --prefix infra/app/src/test/node)").isRegularFile();
    Dimension before = browser.manage().window().getSize();
    try {
      for (Size size : SIZES) {
        browser.manage().window().setSize(new Dimension(size.width(), size.height()));
        assertThat(violations(browser)).as("serious or critical accessibility violations on %s at %s (%s)", name,
            size.name(), browser.getCurrentUrl()).isEmpty();
        keep(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), name + "-" + size.name() + ".png");
      }
    } finally {
      browser.manage().window().setSize(before);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> violations(WebDriver browser) throws IOException {
    JavascriptExecutor script = (JavascriptExecutor) browser;
    script.executeScript(axe());
    return (List<String>) script.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
          .then(results => done(results.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
              + v.nodes.map(n => n.target.join(' ')).join(', '))))
          .catch(failure => done(['axe failed: ' + failure]));
        """);
  }

  private static synchronized String axe() throws IOException {
    if (axeSource == null) {
      axeSource = Files.readString(AXE);
    }
    return axeSource;
  }

  private static void keep(Path screenshot, String fileName) throws IOException {
    Files.createDirectories(KEPT);
    Files.copy(screenshot, KEPT.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
    if (Boolean.getBoolean("sso.docs.screenshots")) {
      Files.createDirectories(DOCS);
      Files.copy(screenshot, DOCS.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
