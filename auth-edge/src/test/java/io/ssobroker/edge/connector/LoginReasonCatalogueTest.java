package io.ssobroker.edge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.web.LoginErrorHints;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reason catalogue is the one list of why a login can fail: docs/audit.md documents exactly its codes under their
 * categories, the audit event's JSON Schema accepts exactly them, and every one has a hint.
 */
class LoginReasonCatalogueTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern CODE = Pattern.compile("`([a-z][a-z0-9_]*)`");

  @Test
  void codesAreStableIdentifiersUniqueWithinTheirCategory() {
    for (LoginFailureCategory category : LoginFailureCategory.values()) {
      var codes = Arrays.stream(LoginReason.values()).filter(reason -> reason.category() == category)
          .map(LoginReason::code).toList();
      assertThat(codes).as("%s", category).doesNotHaveDuplicates().isNotEmpty()
          .allMatch(code -> code.matches("[a-z][a-z0-9_]*"));
    }
  }

  @Test
  void auditDocumentationListsExactlyTheCatalogueUnderEachCategory() throws IOException {
    Map<LoginFailureCategory, Set<String>> documented = new EnumMap<>(LoginFailureCategory.class);
    LoginFailureCategory current = null;
    for (String line : Files.readAllLines(DOCS.resolve("audit.md"))) {
      String[] cells = line.split("\\|", -1);
      if (cells.length < 4 || !line.startsWith("|")) {
        current = line.isBlank() ? null : current;
        continue;
      }
      String category = cells[1].trim().replace("`", "");
      if (!category.isEmpty()) {
        current = Arrays.stream(LoginFailureCategory.values()).filter(c -> c.code().equals(category)).findFirst()
            .orElse(null);
      }
      if (current != null) {
        Matcher codes = CODE.matcher(cells[2]);
        while (codes.find()) {
          documented.computeIfAbsent(current, c -> new TreeSet<>()).add(codes.group(1));
        }
      }
    }
    for (LoginFailureCategory category : LoginFailureCategory.values()) {
      Set<String> catalogue = Arrays.stream(LoginReason.values()).filter(reason -> reason.category() == category)
          .map(LoginReason::code).collect(Collectors.toCollection(TreeSet::new));
      assertThat(documented.getOrDefault(category, Set.of())).as("docs/audit.md, %s", category)
          .containsExactlyInAnyOrderElementsOf(catalogue);
    }
  }

  @Test
  void theAuditEventSchemaAcceptsExactlyTheCatalogueOnFailedLogins() throws IOException {
    JsonObject schema = new JsonObject(Files.readString(DOCS.resolve("audit-event.schema.json")));
    JsonObject failedLogin = schema.getJsonArray("allOf").stream().map(JsonObject.class::cast)
        .filter(rule -> "login.failed".equals(rule.getJsonObject("if").getJsonObject("properties")
            .getJsonObject("type").getString("const")))
        .findFirst().orElseThrow();
    JsonArray reasons = failedLogin.getJsonObject("then").getJsonObject("properties").getJsonObject("reason")
        .getJsonArray("enum");

    assertThat(reasons.stream().map(String::valueOf).toList()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(LoginReason.values()).map(LoginReason::code)
            .collect(Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void everyReasonHasAHint() {
    for (LoginReason reason : LoginReason.values()) {
      assertThat(LoginErrorHints.hint(reason)).as("%s", reason).isNotBlank().endsWith(".");
    }
  }
}
