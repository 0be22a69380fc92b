package io.ssobroker.platform.connector;

import io.ssobroker.platform.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves a secret written literally, as {@code ${env:NAME}} or as {@code ${file:/path}} (trailing newline dropped). */
public final class SecretResolver {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

  private final Map<String, String> environment;
  private final boolean literalOnly;

  private SecretResolver(Map<String, String> environment, boolean literalOnly) {
    this.environment = environment;
    this.literalOnly = literalOnly;
  }

  /** Resolves references against this environment and the file system: for definitions written by people. */
  public static SecretResolver withReferences(Map<String, String> environment) {
    return new SecretResolver(environment, false);
  }

  /** Takes every value as it is: for secrets that were resolved already. */
  public static SecretResolver literal() {
    return new SecretResolver(Map.of(), true);
  }

  public Secret resolve(FieldReader reader, String field) {
    String written = reader.requiredText(field);
    Matcher reference = REFERENCE.matcher(written);
    if (literalOnly || !reference.matches()) {
      return new Secret(written);
    }
    String source = reference.group(1);
    String name = reference.group(2).trim();
    String value;
    if (source.equals("env")) {
      value = environment.get(name);
      if (value == null || value.isEmpty()) {
        throw reader.error(field, "environment variable " + name + " is not set");
      }
    } else {
      try {
        value = Files.readString(Path.of(name), StandardCharsets.UTF_8).strip();
      } catch (IOException | RuntimeException unreadable) {
        throw reader.error(field, "cannot read secret file " + name);
      }
      if (value.isEmpty()) {
        throw reader.error(field, "secret file " + name + " is empty");
      }
    }
    return new Secret(value);
  }
}
