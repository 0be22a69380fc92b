package io.ssobroker.edge.testidp;

/** An error that the authorization endpoint sends back to the redirect URI (RFC 6749 4.1.2.1). */
record AuthorizationError(String error, String description) {}
