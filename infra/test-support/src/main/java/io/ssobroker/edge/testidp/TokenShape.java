package io.ssobroker.edge.testidp;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of the knobs that shape one ID token.
 *
 * @param currentKey the key published in the JWKS as the current one
 * @param signWith a key that signs instead of the current one, or null
 */
record TokenShape(
    SigningKey currentKey,
    SigningKey signWith,
    boolean algNone,
    boolean hmacWithPublicKey,
    Map<String, Object> extraHeaders,
    Map<String, Object> claimOverrides,
    Set<String> removedClaims,
    Duration clockOffset) {}
