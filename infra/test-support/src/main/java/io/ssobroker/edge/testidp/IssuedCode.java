package io.ssobroker.edge.testidp;

import java.time.Instant;
import java.util.Map;

/** What an authorization code is bound to: the request that obtained it and the user who logged in. */
record IssuedCode(
    String clientId,
    String redirectUri,
    String codeChallenge,
    String nonce,
    String subject,
    Map<String, Object> userClaims,
    Instant authorizedAt) {}
