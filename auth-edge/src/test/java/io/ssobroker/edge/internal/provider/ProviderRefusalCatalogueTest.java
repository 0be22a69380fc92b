package io.ssobroker.edge.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ErrorObject;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The provider's refusals are data: docs/audit.md documents exactly their reasons, the audit event's JSON Schema
 * accepts exactly them on their event types, and every description may be sent as an OAuth error_description.
 */
class ProviderRefusalCatalogueTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern FIRST_CELL = Pattern.compile("^\\| `([a-z][a-z0-9_]*)` \\|");

  @Test
  void authorizeRefusalsAreDocumentedAndInTheSchema() throws IOException {
    Set<String> catalogue = Arrays.stream(AuthorizeRefusal.values()).map(AuthorizeRefusal::code)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(catalogue).hasSize(AuthorizeRefusal.values().length);
    assertThat(documented("## Reasons of `authorize.failed`")).containsExactlyInAnyOrderElementsOf(catalogue);
    assertThat(schemaReasons("authorize.failed")).containsExactlyInAnyOrderElementsOf(catalogue);
  }

  @Test
  void tokenRefusalsAreDocumentedAndInTheSchema() throws IOException {
    Set<String> catalogue = Arrays.stream(TokenRefusal.values()).map(TokenRefusal::code)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(catalogue).hasSize(TokenRefusal.values().length);
    assertThat(documented("## Reasons of `token.failed` and `token.reuse_detected`"))
        .containsExactlyInAnyOrderElementsOf(catalogue);
    assertThat(schemaReasons("token.failed")).containsExactlyInAnyOrderElementsOf(catalogue);
  }

  @Test
  void onlyUnknownClientsAndRedirectUrisAreNeverRedirected() {
    assertThat(Arrays.stream(AuthorizeRefusal.values()).filter(refusal -> !refusal.redirectsToClient()))
        .containsExactlyInAnyOrder(AuthorizeRefusal.UNKNOWN_CLIENT, AuthorizeRefusal.MISSING_REDIRECT_URI,
            AuthorizeRefusal.REDIRECT_URI_NOT_REGISTERED);
  }

  @Test
  void descriptionsAreLegalErrorDescriptions() {
    for (AuthorizeRefusal refusal : AuthorizeRefusal.values()) {
      assertThat(ErrorObject.isLegal(refusal.error().getDescription())).as("%s", refusal).isTrue();
    }
    for (TokenRefusal refusal : TokenRefusal.values()) {
      assertThat(ErrorObject.isLegal(refusal.error().getDescription())).as("%s", refusal).isTrue();
    }
  }

  /** The codes in the first column of the table under this heading. */
  private static Set<String> documented(String heading) throws IOException {
    List<String> lines = Files.readAllLines(DOCS.resolve("audit.md"));
    int start = lines.indexOf(heading);
    assertThat(start).as("docs/audit.md has %s", heading).isGreaterThanOrEqualTo(0);
    Set<String> codes = new TreeSet<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher code = FIRST_CELL.matcher(line);
      if (code.find()) {
        codes.add(code.group(1));
      }
    }
    return codes;
  }

  private static List<String> schemaReasons(String type) throws IOException {
    JsonObject schema = new JsonObject(Files.readString(DOCS.resolve("audit-event.schema.json")));
    JsonObject rule = schema.getJsonArray("allOf").stream().map(JsonObject.class::cast)
        .filter(candidate -> {
          JsonObject typeRule = candidate.getJsonObject("if").getJsonObject("properties").getJsonObject("type");
          return type.equals(typeRule.getString("const"))
              || (typeRule.getJsonArray("enum") != null && typeRule.getJsonArray("enum").contains(type)
                  && candidate.getJsonObject("then").getJsonObject("properties").containsKey("reason"));
        })
        .findFirst().orElseThrow();
    return rule.getJsonObject("then").getJsonObject("properties").getJsonObject("reason").getJsonArray("enum")
        .stream().map(String::valueOf).toList();
  }
}
