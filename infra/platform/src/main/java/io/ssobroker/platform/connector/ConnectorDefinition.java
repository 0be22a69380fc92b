package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One connector as people write it (an entry of the connectors file, or an admin API body), validated. The same rules
 * apply to both sources.
 */
public record ConnectorDefinition(
    Optional<UUID> id,
    ConnectorKind kind,
    String displayName,
    List<String> domains,
    String emailPattern,
    ClaimMapping claimMapping,
    ConnectorSettings settings) {

  private static final Set<String> FIELDS =
      Set.of("id", "kind", "displayName", "domains", "emailPattern", "claimMapping", "parameters");
  private static final int MAX_PATTERN_LENGTH = 500;
  private static final int MAX_DISPLAY_NAME_LENGTH = 100;

  public static ConnectorDefinition read(FieldReader entry, SecretResolver secrets) {
    entry.allowOnly(FIELDS);
    Optional<UUID> id = entry.optionalText("id").map(text -> {
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException notAUuid) {
        throw entry.error("id", "must be a UUID");
      }
    });
    String kindName = entry.requiredText("kind");
    ConnectorKind kind = ConnectorKind.parse(kindName)
        .orElseThrow(() -> entry.error("kind", "must be one of azure, google, okta, oidc, saml"));
    String displayName = entry.optionalText("displayName").orElse(kind.label());
    if (displayName.length() > MAX_DISPLAY_NAME_LENGTH) {
      throw entry.error("displayName", "at most " + MAX_DISPLAY_NAME_LENGTH + " characters");
    }
    List<String> domains = domains(entry);
    String emailPattern = emailPattern(entry);
    ClaimMapping claimMapping = entry.optionalObject("claimMapping").map(ClaimMapping::read).orElse(ClaimMapping.DEFAULT);
    FieldReader parameters = entry.optionalObject("parameters").orElseThrow(() -> entry.error("parameters", "required"));
    return new ConnectorDefinition(id, kind, displayName, domains, emailPattern, claimMapping,
        readSettings(kind, parameters, secrets));
  }

  /** Opens the kind-specific settings from stored parameters and an already resolved secret. */
  public static ConnectorSettings openSettings(ConnectorKind kind, JsonObject parameters, Optional<String> clientSecret) {
    JsonObject withSecret = parameters.copy();
    clientSecret.ifPresent(secret -> withSecret.put("clientSecret", secret));
    return readSettings(kind, new FieldReader(withSecret, "parameters"), SecretResolver.literal());
  }

  private static ConnectorSettings readSettings(ConnectorKind kind, FieldReader parameters, SecretResolver secrets) {
    return switch (kind) {
      case AZURE -> AzureSettings.read(parameters, secrets);
      case GOOGLE -> GoogleSettings.read(parameters, secrets);
      case OKTA -> OktaSettings.read(parameters, secrets);
      case OIDC -> OidcSettings.read(parameters, secrets);
      case SAML -> SamlSettings.read(parameters);
    };
  }

  private static List<String> domains(FieldReader entry) {
    List<String> written = entry.textList("domains");
    if (written.isEmpty()) {
      throw entry.error("domains", "required: at least one email domain");
    }
    Set<String> domains = new LinkedHashSet<>();
    for (int i = 0; i < written.size(); i++) {
      String domain = written.get(i).toLowerCase(Locale.ROOT);
      if (!DomainNames.isValid(domain)) {
        throw new DefinitionException(entry.path("domains") + "[" + i + "]", "must be a domain name such as acme.com");
      }
      if (!domains.add(domain)) {
        throw new DefinitionException(entry.path("domains") + "[" + i + "]", "listed twice");
      }
    }
    return new ArrayList<>(domains);
  }

  private static String emailPattern(FieldReader entry) {
    String pattern = entry.optionalText("emailPattern").orElse(".*");
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw entry.error("emailPattern", "at most " + MAX_PATTERN_LENGTH + " characters");
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException invalid) {
      throw entry.error("emailPattern", "not a valid regular expression: " + invalid.getDescription());
    }
    return pattern;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("kind", kind.value())
        .put("displayName", displayName)
        .put("domains", new JsonArray(domains))
        .put("emailPattern", emailPattern)
        .put("claimMapping", claimMapping.toJson())
        .put("parameters", settings.toParameters());
    id.ifPresent(value -> json.put("id", value.toString()));
    return json;
  }
}
