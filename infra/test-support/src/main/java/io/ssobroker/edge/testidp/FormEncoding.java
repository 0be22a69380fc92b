package io.ssobroker.edge.testidp;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} parsing and writing, as OAuth 2.0 uses it. */
final class FormEncoding {

  private FormEncoding() {}

  /**
   * Every parameter with all its values, in the order received.
   *
   * @throws IllegalArgumentException when a percent escape is malformed
   */
  static Map<String, List<String>> decode(String encoded) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decodeComponent(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decodeComponent(pair.substring(equals + 1));
      params.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
    }
    return params;
  }

  static String decodeComponent(String encoded) {
    return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }

  static String encodeComponent(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The first parameter given more than once, or null: OAuth forbids repeated parameters. */
  static String firstRepeated(Map<String, List<String>> params) {
    return params.entrySet().stream()
        .filter(param -> param.getValue().size() > 1)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** {@code uri} with the non-null {@code params} added to its query. */
  static String withQuery(String uri, Map<String, String> params) {
    StringBuilder target = new StringBuilder(uri);
    char separator = uri.indexOf('?') < 0 ? '?' : '&';
    if (uri.endsWith("?") || uri.endsWith("&")) {
      separator = 0;
    }
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (param.getValue() == null) {
        continue;
      }
      if (separator != 0) {
        target.append(separator);
      }
      target.append(encodeComponent(param.getKey())).append('=')
          .append(encodeComponent(param.getValue()));
      separator = '&';
    }
    return target.toString();
  }

  static Map<String, List<String>> unmodifiable(Map<String, List<String>> params) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    params.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }
}
