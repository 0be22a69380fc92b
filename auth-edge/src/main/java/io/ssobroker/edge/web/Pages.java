package io.ssobroker.edge.web;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.provider.AuthorizeRefusal;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The HTML pages of the public port. Every value from outside goes through {@link Html#escape}. */
public final class Pages {

  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f5f7;color:#1d2433;margin:0}
      main{max-width:28rem;margin:4rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 3px #0002}
      h1{font-size:1.4rem;margin-top:0}label{display:block;margin-bottom:.4rem}
      input[type=email]{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #c4c9d4;border-radius:4px}
      button,.button{display:block;width:100%;box-sizing:border-box;margin-top:1rem;padding:.7rem;border:0;
      border-radius:4px;background:#2557d6;color:#fff;font-size:1rem;text-align:center;text-decoration:none;cursor:pointer}
      .muted{color:#5b6477;font-size:.9rem}.error{color:#a3112e}code{background:#f0f1f4;padding:.1rem .3rem}
      """;

  private Pages() {}

  static String emailForm(LoginTarget target, Optional<String> message) {
    return layout("Sign in", "<h1>Sign in</h1>"
        + message.map(text -> "<p class=\"error\">" + Html.escape(text) + "</p>").orElse("")
        + "<form method=\"post\" action=\"/login\">"
        + "<label for=\"email\">Work email</label>"
        + "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required autofocus>"
        + hidden("return_to", target.returnTo()) + hidden("authorization", target.sealedAuthorization())
        + "<button type=\"submit\">Continue</button></form>");
  }

  static String ssoNotEnabled(String domain, LoginTarget target) {
    String query = target.sealedAuthorization().map(sealed -> "?authorization=" + urlEncode(sealed))
        .or(() -> target.returnTo().map(returnTo -> "?return_to=" + urlEncode(returnTo))).orElse("");
    return layout("Single sign-on not enabled", "<h1>Single sign-on is not enabled</h1>"
        + "<p>Single sign-on is not enabled for <strong>" + Html.escape(domain) + "</strong>. "
        + "Sign in with your password in the product instead.</p>"
        + "<a class=\"button\" href=\"/login" + Html.escape(query) + "\">Use another email</a>");
  }

  public static String orgConnectors(String orgName, String orgSlug, List<ConnectorDescriptor> connectors,
      Optional<String> returnTo) {
    StringBuilder buttons = new StringBuilder();
    String query = returnTo.map(t -> "?return_to=" + urlEncode(t)).orElse("");
    for (ConnectorDescriptor connector : connectors) {
      buttons.append("<a class=\"button\" href=\"/o/").append(Html.escape(orgSlug)).append("/login/")
          .append(connector.id()).append(Html.escape(query)).append("\">Sign in with ")
          .append(Html.escape(connector.displayName())).append("</a>");
    }
    String body = connectors.isEmpty()
        ? "<p>No sign-in method is active for this organization yet.</p>"
        : buttons.toString();
    return layout("Sign in to " + orgName, "<h1>Sign in to " + Html.escape(orgName) + "</h1>" + body);
  }

  public static String loginError(LoginReason reason, String reference) {
    LoginFailureCategory category = reason.category();
    return layout(category.title(), "<h1>" + Html.escape(category.title()) + "</h1>"
        + "<p>" + Html.escape(LoginErrorHints.hint(reason)) + "</p>"
        + "<p class=\"muted\">Error <code>" + category.code() + "</code> (" + Html.escape(reason.code()) + ")<br>"
        + "Support reference: <code>" + Html.escape(reference) + "</code></p>"
        + "<a class=\"button\" href=\"/login\">Back to sign in</a>");
  }

  /** An authorization request the broker cannot answer to its client: the client or its redirect URI is unknown. */
  static String authorizeRefused(AuthorizeRefusal refusal, String reference) {
    return layout("Sign-in request not valid", "<h1>This sign-in request is not valid</h1>"
        + "<p>" + Html.escape(refusal.description()) + " Go back to the application and try again; if it happens "
        + "again, tell the application's administrator.</p>"
        + "<p class=\"muted\">Error <code>" + Html.escape(refusal.code()) + "</code><br>"
        + "Support reference: <code>" + Html.escape(reference) + "</code></p>");
  }

  /** Asks the user to confirm a product's sign-out request that came without an ID token hint. */
  static String confirmSignOut(String action, Map<String, String> fields) {
    StringBuilder hidden = new StringBuilder();
    fields.forEach((name, value) -> hidden.append(hidden(name, Optional.of(value))));
    return layout("Sign out", "<h1>Sign out?</h1><p>An application asks to sign you out of every application you "
        + "signed in to with this account.</p><form method=\"post\" action=\"" + Html.escape(action) + "\">" + hidden
        + "<button type=\"submit\" name=\"confirm\" value=\"yes\">Sign out</button></form>");
  }

  public static String message(String title, String text) {
    return layout(title, "<h1>" + Html.escape(title) + "</h1><p>" + Html.escape(text) + "</p>");
  }

  private static String hidden(String name, Optional<String> value) {
    return value.map(text -> "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(text) + "\">")
        .orElse("");
  }

  static String layout(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + Html.escape(title) + "</title><style>" + STYLE + "</style></head><body><main>" + body
        + "</main></body></html>";
  }

  static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
