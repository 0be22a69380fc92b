package io.ssobroker.edge.internal.web;

import io.ssobroker.platform.Tokens;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The two cookies of the public port. {@code sso_session}: the session, HttpOnly, SameSite=Lax, Secure under https.
 * {@code sso_browser}: binds a login's state to the browser that started it; its hash, never its value, goes into the
 * state. Under https it is {@code SameSite=None; Secure}, so that it survives the IdP's cross-site POST back to the
 * SAML ACS (and form_post). Browsers refuse {@code SameSite=None} without {@code Secure}, so under plain http
 * (development and tests only) it is Lax: then an IdP's POST carries it only when the IdP is same-site with the broker,
 * as two ports of 127.0.0.1 are (the port is not part of the site); any other IdP's POST fails as {@code other_browser}.
 */
public final class Cookies {

  public static final String SESSION = "sso_session";
  public static final String BROWSER = "sso_browser";
  private static final Duration BROWSER_LIFETIME = Duration.ofDays(1);

  private final boolean secure;
  private final Duration sessionLifetime;

  public Cookies(boolean secure, Duration sessionLifetime) {
    this.secure = secure;
    this.sessionLifetime = sessionLifetime;
  }

  public Optional<String> session(HttpServerRequest request) {
    return value(request, SESSION);
  }

  public void setSession(RoutingContext routing, String value) {
    routing.response().addCookie(Cookie.cookie(SESSION, value).setPath("/").setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.LAX).setMaxAge(sessionLifetime.toSeconds()));
  }

  public void clearSession(RoutingContext routing) {
    routing.response().addCookie(Cookie.cookie(SESSION, "").setPath("/").setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.LAX).setMaxAge(0));
  }

  /** The browser's binding, setting a new binding cookie when the browser has none. */
  public String browserBinding(RoutingContext routing) {
    String value = value(routing.request(), BROWSER).orElseGet(() -> {
      String created = Tokens.random();
      routing.response().addCookie(Cookie.cookie(BROWSER, created).setPath("/login").setHttpOnly(true)
          .setSecure(secure).setSameSite(secure ? CookieSameSite.NONE : CookieSameSite.LAX)
          .setMaxAge(BROWSER_LIFETIME.toSeconds()));
      return created;
    });
    return binding(value);
  }

  /** The binding of the browser that calls back, or an empty string when it has no cookie. */
  public String existingBrowserBinding(HttpServerRequest request) {
    return value(request, BROWSER).map(Cookies::binding).orElse("");
  }

  private static String binding(String cookieValue) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Tokens.sha256(cookieValue));
  }

  private static Optional<String> value(HttpServerRequest request, String name) {
    Cookie cookie = request.getCookie(name);
    return cookie == null || cookie.getValue().isEmpty() || cookie.getValue().length() > 128
        ? Optional.empty() : Optional.of(cookie.getValue());
  }
}
