package io.ssobroker.edge.web;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.util.Optional;

/** The test application's two pages: the claims of its ID token, or the sign-in form. */
final class TestAppPages {

  private TestAppPages() {}

  static String notConnected(Optional<String> problem) {
    return Pages.layout("Test application", "<h1>Test application</h1>"
        + problem.map(text -> "<p class=\"error\">" + Html.escape(text) + "</p>").orElse("")
        + "<p>Not connected.</p>"
        + "<form method=\"post\" action=\"" + TestApp.PATH + "/login\"><label for=\"email\">Work email</label>"
        + "<input id=\"email\" name=\"email\" type=\"email\" required autofocus>"
        + "<button type=\"submit\">Sign in</button></form>");
  }

  static String connected(IDTokenClaimsSet claims) {
    String kind = Optional.ofNullable(claims.getACR()).map(acr -> acr.getValue())
        .map(acr -> acr.substring(acr.lastIndexOf(':') + 1)).orElse("");
    return Pages.layout("Test application", "<h1>Test application</h1>"
        + "<p id=\"connected\">Connected as <strong>" + Html.escape(claims.getStringClaim("email")) + "</strong></p>"
        + "<p class=\"muted\">Name: " + Html.escape(claims.getStringClaim("name"))
        + "<br>Organization: <code>" + Html.escape(claims.getStringClaim("org")) + "</code>"
        + "<br>Connector kind: <code>" + Html.escape(kind) + "</code>"
        + "<br>User id (sub): <code>" + Html.escape(claims.getSubject().getValue()) + "</code>"
        + "<br>Session (sid): <code>" + Html.escape(claims.getSessionID() == null ? ""
            : claims.getSessionID().getValue()) + "</code>"
        + "<br>Signed in at: " + claims.getAuthenticationTime().toInstant()
        + "<br>ID token expires: " + claims.getExpirationTime().toInstant() + "</p>"
        + "<form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>");
  }
}
