package io.ssobroker.edge.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the hosted pages are made of: the language, the field's error tied to it, the way back to the same target. */
class PagesTest {

  private static final LoginTarget TO_REPORTS =
      LoginTarget.returningTo(Optional.of("https://reports.example/x?a=1&b=2"));

  @Test
  void aRefusedEmailIsShownAgainEscapedWithItsErrorTiedToTheField() {
    Page page = Pages.emailForm(Texts.of(Locale.FRENCH), TO_REPORTS, Optional.of("\"><script>x</script>@intranet"),
        Optional.of("sign_in.invalid_email"));

    assertThat(page.language()).isEqualTo("fr");
    assertThat(page.html()).startsWith("<!doctype html><html lang=\"fr\">")
        .contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;@intranet\"")
        .contains("aria-invalid=\"true\" aria-describedby=\"email-error\"")
        .contains("<p id=\"email-error\" class=\"error\" role=\"alert\">Saisissez une adresse e-mail valide.</p>")
        .contains("name=\"return_to\" value=\"https://reports.example/x?a=1&amp;b=2\"")
        .doesNotContain("<script>");
  }

  @Test
  void anUntouchedEmailFieldIsNotInvalid() {
    String html = Pages.emailForm(Texts.ENGLISH, TO_REPORTS, Optional.empty(), Optional.empty()).html();

    assertThat(html).contains("<label for=\"email\">Work email</label>").doesNotContain("aria-invalid")
        .doesNotContain("role=\"alert\"").doesNotContain("value=\"\"");
  }

  @Test
  void everyWayBackToTheEmailPageKeepsTheTarget() {
    String back = "href=\"/login?return_to=https%3A%2F%2Freports.example%2Fx%3Fa%3D1%26b%3D2\"";
    assertThat(Pages.loginError(Texts.of(Locale.GERMAN), Optional.empty(), LoginReason.UNKNOWN_USER, "ref-1",
        TO_REPORTS).html())
        .contains(back).contains("Zurück zur Anmeldung").contains("<code>USER_NOT_ALLOWED</code> (unknown_user)");
    assertThat(Pages.ssoNotEnabled(Texts.ENGLISH, "example.org", TO_REPORTS).html()).contains(back);
    assertThat(Pages.orgConnectors(Texts.ENGLISH, new Brand("Acme", Optional.empty(), Optional.empty(), false), "acme",
        java.util.List.of(), TO_REPORTS).html())
        .contains(back);
    assertThat(Pages.signInAgain(LoginTarget.returningTo(Optional.empty()))).isEqualTo("/login");
  }

  @Test
  void pagesLoadOnlyTheEdgesStylesheet() {
    String html = Pages.message(Texts.ENGLISH, Pages.Notice.NOT_FOUND).html();

    assertThat(html).contains("<link rel=\"stylesheet\" href=\"/assets/hosted.css\">").doesNotContain("<style")
        .doesNotContain("style=").doesNotContain("<script");
  }

  @Test
  void anOrgsBrandIsItsNameLogoAndAccentStylesheetAllEscaped() {
    Brand brand = new Brand("<b>Acme</b>", Optional.of(java.net.URI.create("https://cdn.acme.example/l.svg?a=1&b=2")),
        Optional.of("#1d4ed8"), true);

    String html = Pages.loginError(Texts.ENGLISH, Optional.of(brand), LoginReason.UNKNOWN_USER, "ref-1", TO_REPORTS)
        .html();

    assertThat(html).contains("<link rel=\"stylesheet\" href=\"/assets/accent/1d4ed8.css\">")
        .contains("<header class=\"brand\"><img src=\"https://cdn.acme.example/l.svg?a=1&amp;b=2\" alt=\"\"")
        .contains("<span class=\"brand-name\">&lt;b&gt;Acme&lt;/b&gt;</span>").doesNotContain("<b>Acme");
    assertThat(Brand.accentStylesheet("1d4ed8.css")).hasValue(":root { --accent: #1d4ed8; }\n");
    assertThat(Brand.accentStylesheet("1d4ed8;}body{x:y.css")).isEmpty();
    assertThat(Brand.accentStylesheet("1D4ED8.css")).isEmpty();
  }
}
