package io.ssobroker.edge.internal.web;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.provider.AuthorizeRefusal;
import io.ssobroker.edge.internal.provider.EndSessions;
import io.ssobroker.edge.web.Html;
import io.ssobroker.edge.web.LoginErrorHints;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTML pages of the public port, in the language of their {@link Texts}. Every value from outside goes through
 * {@link Html#escape} (the texts' values through {@link Texts#html}); the texts themselves come from our bundles.
 */
final class Pages {

  static final String EMAIL_ERROR_ID = "email-error";

  /** A page that says one thing: its title and its sentence, the texts {@code <key>.title} and {@code <key>.text}. */
  enum Notice {
    TOO_MANY_STARTS("too_many_starts"),
    SIGN_IN_EXPIRED("sign_in_expired"),
    NOT_FOUND("not_found"),
    NO_SUCH_ORG("no_such_org"),
    NO_SUCH_METHOD("no_such_method"),
    SIGNED_OUT("signed_out"),
    UNAVAILABLE("unavailable"),
    BAD_REQUEST("bad_request"),
    TOO_LARGE("too_large"),
    URI_TOO_LONG("uri_too_long"),
    HEADERS_TOO_LARGE("headers_too_large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    EXPECTATION_FAILED("expectation_failed"),
    NOT_HANDLED("not_handled"),
    BROKEN("broken"),
    FORGOT_INVALID_EMAIL("forgot_invalid_email"),
    PASSWORD_AT_IDP("password_at_idp"),
    PASSWORD_NOT_SSO("password_not_sso");

    private final String key;

    Notice(String key) {
      this.key = "notice." + key;
    }

    String title() {
      return key + ".title";
    }

    String text() {
      return key + ".text";
    }

    /** The page of a request refused with this status before or outside the routes' own answers. */
    static Notice forStatus(int status) {
      return switch (status) {
        case 400 -> BAD_REQUEST;
        case 413 -> TOO_LARGE;
        case 414 -> URI_TOO_LONG;
        case 415 -> UNSUPPORTED_MEDIA_TYPE;
        case 417 -> EXPECTATION_FAILED;
        case 431 -> HEADERS_TOO_LARGE;
        default -> status >= 500 ? BROKEN : NOT_HANDLED;
      };
    }
  }

  private Pages() {}

  /**
   * The email page of home realm discovery. A refused email is shown again as it was typed, with its problem tied to
   * the field ({@code aria-invalid}, {@code aria-describedby}) and announced ({@code role="alert"}).
   */
  static Page emailForm(Texts texts, LoginTarget target, Optional<String> typed, Optional<String> problemKey) {
    String field = "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required autofocus"
        + typed.map(value -> " value=\"" + Html.escape(value) + "\"").orElse("")
        + problemKey.map(problem -> " aria-invalid=\"true\" aria-describedby=\"" + EMAIL_ERROR_ID + "\"").orElse("")
        + ">";
    return layout(texts, texts.text("sign_in.title"), "<h1>" + texts.html("sign_in.heading") + "</h1>"
        + "<form method=\"post\" action=\"/login\">"
        + "<label for=\"email\">" + texts.html("sign_in.email") + "</label>" + field
        + problemKey.map(problem -> "<p id=\"" + EMAIL_ERROR_ID + "\" class=\"error\" role=\"alert\">"
            + texts.html(problem) + "</p>").orElse("")
        + hidden("return_to", target.returnTo()) + hidden("authorization", target.sealedAuthorization())
        + "<button type=\"submit\">" + texts.html("sign_in.continue") + "</button></form>");
  }

  static Page ssoNotEnabled(Texts texts, String domain, LoginTarget target) {
    return layout(texts, texts.text("sso_not_enabled.title"), "<h1>" + texts.html("sso_not_enabled.heading") + "</h1>"
        + "<p>" + texts.html("sso_not_enabled.text", domain) + "</p>"
        + button(signInAgain(target), texts.html("sso_not_enabled.another_email")));
  }

  /** The org's sign-in methods, each starting a login for the same target, and the email page for another account. */
  static Page orgConnectors(Texts texts, Brand brand, String orgSlug, List<ConnectorDescriptor> connectors,
      LoginTarget target) {
    String orgName = brand.name();
    StringBuilder body = new StringBuilder("<h1>").append(texts.html("org.heading", orgName)).append("</h1>");
    if (connectors.isEmpty()) {
      body.append("<p>").append(texts.html("org.none")).append("</p>");
    }
    for (ConnectorDescriptor connector : connectors) {
      body.append(button("/o/" + orgSlug + "/login/" + connector.id() + query(target),
          texts.html("org.sign_in_with", connector.displayName())));
    }
    body.append(button(signInAgain(target), texts.html("org.use_email"), "secondary"));
    return layout(texts, Optional.of(brand), texts.text("org.title", orgName), body.toString());
  }

  /** A failed login: its category, the hint for its reason, the support reference, and a way to start it again. */
  static Page loginError(Texts texts, Optional<Brand> brand, LoginReason reason, String reference,
      LoginTarget target) {
    LoginFailureCategory category = reason.category();
    String title = LoginErrorTexts.title(texts, category);
    return layout(texts, brand, title, "<h1>" + Html.escape(title) + "</h1>"
        + "<p>" + Html.escape(LoginErrorTexts.hint(texts, reason)) + "</p>"
        + "<p class=\"muted\">" + texts.html("error.code", category.code(), reason.code()) + "<br>"
        + texts.html("error.reference", reference) + "</p>"
        + button(signInAgain(target), texts.html("error.back")));
  }

  /** An error page whose address this broker did not seal, or sealed too long ago: it says nothing it cannot know. */
  static Page unknownLoginError(Texts texts) {
    return layout(texts, texts.text("error.unknown.title"), "<h1>" + texts.html("error.unknown.title") + "</h1>"
        + "<p>" + texts.html("error.unknown.text") + "</p>"
        + button("/login", texts.html("error.back")));
  }

  /** An authorization request the broker cannot answer to its client: the client or its redirect URI is unknown. */
  static Page authorizeRefused(Texts texts, AuthorizeRefusal refusal, String reference) {
    return layout(texts, texts.text("authorize.title"), "<h1>" + texts.html("authorize.heading") + "</h1>"
        + "<p>" + texts.html("authorize.refusal." + refusal.code()) + " " + texts.html("authorize.advice") + "</p>"
        + "<p class=\"muted\">" + texts.html("authorize.code", refusal.code()) + "<br>"
        + texts.html("error.reference", reference) + "</p>");
  }

  /** Asks the user to confirm a product's sign-out request that came without an ID token hint. */
  static Page confirmSignOut(Texts texts, String action, Map<String, String> fields) {
    StringBuilder hidden = new StringBuilder();
    fields.forEach((name, value) -> hidden.append(hidden(name, Optional.of(value))));
    return layout(texts, texts.text("sign_out.title"), "<h1>" + texts.html("sign_out.heading") + "</h1>"
        + "<p>" + texts.html("sign_out.text") + "</p>"
        + "<form method=\"post\" action=\"" + Html.escape(action) + "\">" + hidden
        + "<button type=\"submit\" name=\"confirm\" value=\"yes\">" + texts.html("sign_out.confirm")
        + "</button></form>");
  }

  static Page signOutRefused(Texts texts, EndSessions.Refusal refusal) {
    return layout(texts, texts.text("sign_out.refused.title"), "<h1>" + texts.html("sign_out.refused.title") + "</h1>"
        + "<p>" + texts.html("sign_out.refused." + refusal.code()) + "</p>");
  }

  /** A notice, its title and its sentence filled with the same values. */
  static Page message(Texts texts, Notice notice, String... values) {
    return layout(texts, texts.text(notice.title(), values), "<h1>" + texts.html(notice.title(), values) + "</h1>"
        + "<p>" + texts.html(notice.text(), values) + "</p>");
  }

  static Page layout(Texts texts, String title, String body) {
    return layout(texts, Optional.empty(), title, body);
  }

  /**
   * Every hosted page: the language, the org's brand when the page is one org's, the title, the body. The page's look
   * is the edge's one stylesheet ({@link Stylesheet}) and the brand's accent, the only styles the pages' policy allows.
   */
  static Page layout(Texts texts, Optional<Brand> brand, String title, String body) {
    return new Page(texts.tag(), "<!doctype html><html lang=\"" + texts.tag() + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + Html.escape(title) + "</title>"
        + "<link rel=\"stylesheet\" href=\"" + Stylesheet.PATH + "\">" + brand.map(Brand::stylesheet).orElse("")
        + "</head><body><main>" + brand.map(Brand::header).orElse("") + body + "</main></body></html>");
  }

  /** The email page for the same target: the product's sealed request, or the {@code return_to}. */
  static String signInAgain(LoginTarget target) {
    return "/login" + query(target);
  }

  private static String query(LoginTarget target) {
    return target.sealedAuthorization().map(sealed -> "?authorization=" + urlEncode(sealed))
        .or(() -> target.returnTo().map(returnTo -> "?return_to=" + urlEncode(returnTo))).orElse("");
  }

  private static String button(String href, String label, String... classes) {
    return "<a class=\"button" + (classes.length == 0 ? "" : " " + String.join(" ", classes)) + "\" href=\""
        + Html.escape(href) + "\">" + label + "</a>";
  }

  private static String hidden(String name, Optional<String> value) {
    return value.map(text -> "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(text) + "\">")
        .orElse("");
  }

  static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
