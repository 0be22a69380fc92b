package io.ssobroker.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin API's OpenAPI document passes a linter nobody here wrote, Redocly CLI (npm) with its recommended rules,
 * without an error or a warning.
 */
class AdminApiLintIT {

  private static final Path NODE_PACKAGE = Path.of("src/test/node");
  private static final Path REDOCLY = NODE_PACKAGE.resolve("node_modules/.bin/redocly");
  private static final Path DOCUMENT = Path.of("src/main/resources", AdminApiDocument.RESOURCE);

  @Test
  void theDocumentLintsCleanWithTheRecommendedRules() throws Exception {
    assertThat(REDOCLY).as("Redocly CLI from npm (npm ci --prefix infra/app/src/test/node; .ci/run does)")
        .isExecutable();
    ProcessBuilder lint = new ProcessBuilder(REDOCLY.toAbsolutePath().toString(), "lint", "--format", "stylish",
        "--max-problems", "500", DOCUMENT.toAbsolutePath().toString()).redirectErrorStream(true);
    // no telemetry and no update check: the tests send nothing off this machine
    lint.environment().put("REDOCLY_TELEMETRY", "off");
    lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    lint.environment().put("DO_NOT_TRACK", "1");
    Process linting = lint.start();
    String report = new String(linting.getInputStream().readAllBytes());
    assertThat(linting.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(linting.exitValue()).as(report).isZero();
    assertThat(report).as(report).contains("Your API description is valid").doesNotContainPattern("[0-9]+ warnings?");
    assertThat(Files.size(DOCUMENT)).isPositive();
  }
}
