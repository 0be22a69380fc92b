package io.ssobroker.platform.connector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads the fields of one JSON object of a definition, naming each failure by its full path. */
public final class FieldReader {

  private final JsonObject json;
  private final String path;

  public FieldReader(JsonObject json, String path) {
    this.json = json == null ? new JsonObject() : json;
    this.path = path;
  }

  public String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  public DefinitionException error(String field, String problem) {
    return new DefinitionException(path(field), problem);
  }

  public void allowOnly(Set<String> fields) {
    for (String name : json.fieldNames()) {
      if (!fields.contains(name)) {
        throw error(name, "unknown field");
      }
    }
  }

  public boolean has(String field) {
    return json.getValue(field) != null;
  }

  public Optional<String> optionalText(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw error(field, "must be a string");
    }
    String trimmed = text.trim();
    return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
  }

  public String requiredText(String field) {
    return optionalText(field).orElseThrow(() -> error(field, "required"));
  }

  public boolean optionalBoolean(String field, boolean defaultValue) {
    Object value = json.getValue(field);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean flag)) {
      throw error(field, "must be true or false");
    }
    return flag;
  }

  public Optional<FieldReader> optionalObject(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonObject object)) {
      throw error(field, "must be an object");
    }
    return Optional.of(new FieldReader(object, path(field)));
  }

  public List<String> textList(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw error(field, "must be a list of strings");
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String text) || text.isBlank()) {
        throw new DefinitionException(path(field) + "[" + i + "]", "must be a non-empty string");
      }
      values.add(text.trim());
    }
    return List.copyOf(values);
  }

  public Optional<LocalDate> optionalDate(String field) {
    return optionalText(field).map(text -> {
      try {
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      } catch (DateTimeParseException malformed) {
        throw error(field, "must be a date such as 2027-06-30");
      }
    });
  }

  /** An ISO-8601 duration such as {@code PT15M}, between the bounds. */
  public Optional<java.time.Duration> optionalDuration(String field, java.time.Duration min, java.time.Duration max) {
    return optionalText(field).map(text -> {
      java.time.Duration duration;
      try {
        duration = java.time.Duration.parse(text);
      } catch (java.time.format.DateTimeParseException malformed) {
        throw error(field, "must be an ISO-8601 duration such as PT15M");
      }
      if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
        throw error(field, "must be from " + min + " to " + max);
      }
      return duration;
    });
  }

  /** An absolute https URL; plain http is accepted for loopback hosts only (local IdPs in development and tests). */
  public URI secureUrl(String field, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() != null && (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost())))) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // reported below
    }
    throw error(field, "must be an absolute https URL");
  }

  /** {@code localhost}, {@code ::1} or an address of 127.0.0.0/8. */
  public static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("[::1]") || host.equals("::1")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
