package io.ssobroker.edge.internal.web;

import io.ssobroker.edge.web.Html;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the hosted pages say, in one language: English, French or German, from the resource bundle {@code
 * io/ssobroker/edge/internal/web/hosted*.properties} (UTF-8). The language is the browser's first acceptable one among those
 * ({@code Accept-Language} with its q-values, RFC 4647 lookup), else English; a malformed header is English too.
 *
 * <p>A text is a pattern with numbered places ({@code {0}}, {@code {1}}) filled by plain replacement, not by {@link
 * java.text.MessageFormat}: an apostrophe is an apostrophe. A pattern is written by us and may hold {@code <strong>}
 * or {@code <code>}; the values put into it come from outside and are escaped by {@link #html}.
 */
final class Texts {

  static final String BUNDLE = "io.ssobroker.edge.internal.web.hosted";
  static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN);
  private static final Map<Locale, Texts> BY_LANGUAGE = LANGUAGES.stream()
      .collect(Collectors.toUnmodifiableMap(Function.identity(), Texts::new));
  static final Texts ENGLISH = BY_LANGUAGE.get(Locale.ENGLISH);

  private final Locale language;
  private final ResourceBundle bundle;

  private Texts(Locale language) {
    this.language = language;
    this.bundle = ResourceBundle.getBundle(BUNDLE, language,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  static Texts of(Locale language) {
    return BY_LANGUAGE.get(language);
  }

  /** The language this request's browser reads best among ours. */
  static Texts of(HttpServerRequest request) {
    return negotiate(request.getHeader("Accept-Language"));
  }

  static Texts negotiate(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return ENGLISH;
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(acceptLanguage);
    } catch (IllegalArgumentException malformed) {
      return ENGLISH;
    }
    Locale chosen = Locale.lookup(ranges, LANGUAGES);
    return chosen == null ? ENGLISH : BY_LANGUAGE.get(chosen);
  }

  /** The language's tag, for {@code <html lang>} and {@code Content-Language}. */
  String tag() {
    return language.toLanguageTag();
  }

  /** The text, its places filled with these values as they are: for a title or JSON, escaped by its user. */
  String text(String key, String... values) {
    return fill(bundle.getString(key), values, false);
  }

  /** The text as HTML: its pattern as written, its values escaped. */
  String html(String key, String... values) {
    return fill(bundle.getString(key), values, true);
  }

  /** Replaces each {@code {n}} in one pass, so that a value that contains {@code {1}} is never filled in turn. */
  private static String fill(String pattern, String[] values, boolean escape) {
    StringBuilder filled = new StringBuilder(pattern.length() + 32);
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int close = c == '{' ? pattern.indexOf('}', i) : -1;
      if (close == i + 2 && Character.isDigit(pattern.charAt(i + 1))) {
        int place = pattern.charAt(i + 1) - '0';
        if (place >= values.length) {
          throw new IllegalArgumentException("no value for {" + place + "} in: " + pattern);
        }
        filled.append(escape ? Html.escape(values[place]) : values[place]);
        i = close + 1;
      } else {
        filled.append(c);
        i++;
      }
    }
    return filled.toString();
  }
}
