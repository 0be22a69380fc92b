package io.ssobroker.edge.internal.connector.oidc;

import io.vertx.core.json.JsonObject;

/** An ID token whose signature and claims were checked: the IdP's subject and every claim it asserted. */
record VerifiedIdToken(String subject, JsonObject claims) {}
