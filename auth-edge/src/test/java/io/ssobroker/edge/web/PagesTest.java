package io.ssobroker.edge.web;

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
    assertThat(Pages.loginError(Texts.of(Locale.GERMAN), LoginReason.UNKNOWN_USER, "ref-1", TO_REPORTS).html())
        .contains(back).contains("Zurück zur Anmeldung").contains("<code>USER_NOT_ALLOWED</code> (unknown_user)");
    assertThat(Pages.ssoNotEnabled(Texts.ENGLISH, "example.org", TO_REPORTS).html()).contains(back);
    assertThat(Pages.orgConnectors(Texts.ENGLISH, "Acme", "acme", java.util.List.of(), TO_REPORTS).html())
        .contains(back);
    assertThat(Pages.signInAgain(LoginTarget.returningTo(Optional.empty()))).isEqualTo("/login");
  }

  @Test
  void pagesLoadOnlyTheEdgesStylesheet() {
    String html = Pages.message(Texts.ENGLISH, Pages.Notice.NOT_FOUND).html();

    assertThat(html).contains("<link rel=\"stylesheet\" href=\"/assets/hosted.css\">").doesNotContain("<style")
        .doesNotContain("style=").doesNotContain("<script");
  }
}
