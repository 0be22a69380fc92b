package io.ssobroker.edge.internal.web;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.util.Optional;

/** The test application's two pages: the claims of its ID token, or the sign-in form. */
final class TestAppPages {

  private TestAppPages() {}

  /** {@code problem}: what went wrong with the last sign-in, as HTML from {@link Texts#html}. */
  static Page notConnected(Texts texts, Optional<String> problem) {
    return Pages.layout(texts, texts.text("test_app.title"), "<h1>" + texts.html("test_app.title") + "</h1>"
        + problem.map(html -> "<p class=\"error\" role=\"alert\">" + html + "</p>").orElse("")
        + "<p>" + texts.html("test_app.not_connected") + "</p>"
        + "<form method=\"post\" action=\"" + TestApp.PATH + "/login\"><label for=\"email\">"
        + texts.html("sign_in.email") + "</label>"
        + "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required autofocus>"
        + "<button type=\"submit\">" + texts.html("test_app.sign_in") + "</button></form>");
  }

  static Page connected(Texts texts, Optional<Brand> brand, IDTokenClaimsSet claims) {
    String kind = Optional.ofNullable(claims.getACR()).map(acr -> acr.getValue())
        .map(acr -> acr.substring(acr.lastIndexOf(':') + 1)).orElse("");
    String sid = claims.getSessionID() == null ? "" : claims.getSessionID().getValue();
    return Pages.layout(texts, brand, texts.text("test_app.title"), "<h1>" + texts.html("test_app.title") + "</h1>"
        + "<p id=\"connected\">" + texts.html("test_app.connected_as", claims.getStringClaim("email")) + "</p>"
        + "<p class=\"muted\">" + texts.html("test_app.name", claims.getStringClaim("name"))
        + "<br>" + texts.html("test_app.org", claims.getStringClaim("org"))
        + "<br>" + texts.html("test_app.kind", kind)
        + "<br>" + texts.html("test_app.sub", claims.getSubject().getValue())
        + "<br>" + texts.html("test_app.sid", sid)
        + "<br>" + texts.html("test_app.signed_in_at", claims.getAuthenticationTime().toInstant().toString())
        + "<br>" + texts.html("test_app.expires", claims.getExpirationTime().toInstant().toString()) + "</p>"
        + "<form method=\"post\" action=\"/logout\"><button type=\"submit\">" + texts.html("test_app.sign_out")
        + "</button></form>");
  }
}
