package io.ssobroker.edge.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.provider.AuthorizeRefusal;
import io.ssobroker.edge.internal.provider.EndSessions;
import io.ssobroker.edge.web.LoginErrorHints;
import io.ssobroker.platform.audit.LoginFailureCategory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hosted pages' three bundles: the same keys, the same places in each text, only the markup we allow, every
 * category, hint and refusal named, real translations; and how a browser's {@code Accept-Language} picks one.
 */
class HostedTextsTest {

  private static final Pattern PLACE = Pattern.compile("\\{(\\d)}");
  private static final Pattern ALLOWED_MARKUP = Pattern.compile("</?strong>|</?code>|<a href=\"\\{0}\">|</a>");
  /** Texts that read the same in English and in that language. */
  private static final Map<String, Set<String>> SAME_AS_ENGLISH = Map.of(
      "fr", Set.of(),
      "de", Set.of("test_app.name"));

  @Test
  void everyLanguageHasEveryKeyAndNoOther() throws IOException {
    Set<String> english = new TreeSet<>(bundle("").stringPropertyNames());
    for (String language : new String[] {"fr", "de"}) {
      assertThat(new TreeSet<>(bundle("_" + language).stringPropertyNames())).as(language)
          .containsExactlyElementsOf(english);
    }
  }

  @Test
  void everyTextHasTheSamePlacesInEveryLanguage() throws IOException {
    Properties english = bundle("");
    for (String language : new String[] {"fr", "de"}) {
      Properties translated = bundle("_" + language);
      for (String key : english.stringPropertyNames()) {
        assertThat(places(translated.getProperty(key))).as("%s in %s", key, language)
            .isEqualTo(places(english.getProperty(key)));
      }
    }
  }

  @Test
  void textsHoldNoMarkupButStrongCodeAndTheConsoleLink() throws IOException {
    for (String suffix : new String[] {"", "_fr", "_de"}) {
      Properties texts = bundle(suffix);
      for (String key : texts.stringPropertyNames()) {
        String rest = ALLOWED_MARKUP.matcher(texts.getProperty(key)).replaceAll("");
        assertThat(rest).as("%s%s", key, suffix).doesNotContain("<", ">", "&", "\"");
      }
    }
  }

  @Test
  void translationsAreNotEnglish() throws IOException {
    Properties english = bundle("");
    for (Map.Entry<String, Set<String>> language : SAME_AS_ENGLISH.entrySet()) {
      Properties translated = bundle("_" + language.getKey());
      Set<String> same = new TreeSet<>();
      english.stringPropertyNames().stream().filter(key -> english.getProperty(key).equals(translated.getProperty(key)))
          .forEach(same::add);
      assertThat(same).as(language.getKey()).isEqualTo(language.getValue());
    }
    assertThat(Texts.of(Locale.FRENCH).text("error.reference", "r"))
        .isEqualTo("Référence pour le support\u00a0: <code>r</code>");
    assertThat(Texts.of(Locale.GERMAN).text("notice.too_large.title")).isEqualTo("Anfrage zu groß");
  }

  @Test
  void everyCategoryHintRefusalAndNoticeHasItsTextsInEveryLanguage() {
    for (Locale language : Texts.LANGUAGES) {
      Texts texts = Texts.of(language);
      for (LoginReason reason : LoginReason.values()) {
        assertThat(LoginErrorTexts.hint(texts, reason)).as("%s %s", language, reason).isNotBlank().endsWith(".");
        assertThat(LoginErrorTexts.title(texts, reason.category())).isNotBlank();
      }
      for (AuthorizeRefusal refusal : AuthorizeRefusal.values()) {
        assertThat(texts.text("authorize.refusal." + refusal.code())).as("%s %s", language, refusal).isNotBlank();
      }
      for (EndSessions.Refusal refusal : EndSessions.Refusal.values()) {
        assertThat(texts.text("sign_out.refused." + refusal.code())).as("%s %s", language, refusal).isNotBlank();
      }
      for (Pages.Notice notice : Pages.Notice.values()) {
        assertThat(texts.text(notice.title(), "org", "idp")).as("%s %s", language, notice).isNotBlank();
        assertThat(texts.text(notice.text(), "org", "idp")).as("%s %s", language, notice).isNotBlank();
      }
    }
  }

  /** SPEC section 6 names the titles; a product's developer reads the refusal's description as error_description. */
  @Test
  void englishTextsAreTheContractsOwn() {
    for (LoginFailureCategory category : LoginFailureCategory.values()) {
      assertThat(LoginErrorTexts.title(Texts.ENGLISH, category)).isEqualTo(category.title());
    }
    for (AuthorizeRefusal refusal : AuthorizeRefusal.values()) {
      assertThat(Texts.ENGLISH.text("authorize.refusal." + refusal.code())).isEqualTo(refusal.description());
    }
  }

  @Test
  void theBrowsersFirstAcceptableLanguageIsChosenElseEnglish() {
    Map<String, String> chosen = new TreeMap<>();
    for (String header : new String[] {"fr-FR", "de-DE,de;q=0.9", "de-CH", "en-US,en;q=0.9", "en;q=0.2, fr;q=0.8",
        "es, it;q=0.9, de;q=0.1", "fr;q=0, de", "fr-FR, fr;q=0", "es, it", "*", "fr;q=abc", "en;q=1.5", "garbage!!",
        ";;", ""}) {
      chosen.put(header, Texts.negotiate(header).tag());
    }
    assertThat(chosen).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("fr-FR", "fr"), Map.entry("de-DE,de;q=0.9", "de"), Map.entry("de-CH", "de"),
        Map.entry("en-US,en;q=0.9", "en"), Map.entry("en;q=0.2, fr;q=0.8", "fr"),
        Map.entry("es, it;q=0.9, de;q=0.1", "de"), Map.entry("fr;q=0, de", "de"), Map.entry("fr-FR, fr;q=0", "en"),
        Map.entry("es, it", "en"), Map.entry("*", "en"), Map.entry("fr;q=abc", "en"), Map.entry("en;q=1.5", "en"),
        Map.entry("garbage!!", "en"), Map.entry(";;", "en"), Map.entry("", "en")));
    assertThat(Texts.negotiate(null).tag()).isEqualTo("en");
  }

  @Test
  void valuesAreEscapedAndFilledOnceThePatternIsNot() {
    assertThat(Texts.ENGLISH.html("sso_not_enabled.text", "<script>'x'</script>"))
        .startsWith("Single sign-on is not enabled for <strong>&lt;script&gt;&#39;x&#39;&lt;/script&gt;</strong>.");
    assertThat(Texts.ENGLISH.html("error.code", "{1}", "second")).isEqualTo("Error <code>{1}</code> (second)");
    assertThat(Texts.ENGLISH.text("org.title", "O'Brien & Co")).isEqualTo("Sign in to O'Brien & Co");
    assertThat(Texts.of(Locale.FRENCH).html("hint.start_at_product")).contains("d’identité");
  }

  private static Set<String> places(String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = PLACE.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static Properties bundle(String suffix) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Texts.class.getResourceAsStream("hosted" + suffix + ".properties")) {
      assertThat(in).as("hosted%s.properties", suffix).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
