package io.ssobroker.edge.testidp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes ID tokens as compact JWS by hand, so that any header or claim, of any JSON type, can be
 * put in or left out, and the signature can be made with any key or none.
 */
final class IdTokenFactory {

  static final long LIFETIME_SECONDS = 300;

  private IdTokenFactory() {}

  static String create(String issuer, String clientId, IssuedCode code, TokenShape shape) {
    Map<String, Object> header = header(shape);
    Map<String, Object> claims = claims(issuer, clientId, code, shape, Instant.now());
    String signingInput = base64Json(header) + "." + base64Json(claims);
    return signingInput + "." + signature(shape, signingInput.getBytes(StandardCharsets.US_ASCII));
  }

  private static Map<String, Object> header(TokenShape shape) {
    // An unsigned or HMAC token names the published key, as the classic attacks do.
    SigningKey named = shape.algNone() || shape.hmacWithPublicKey() ? shape.currentKey() : signingKey(shape);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", algorithm(shape));
    header.put("kid", named.kid());
    header.put("typ", "JWT");
    shape.extraHeaders().forEach((name, value) -> {
      if (value == null) {
        header.remove(name);
      } else {
        header.put(name, jsonValue(value));
      }
    });
    return header;
  }

  private static String algorithm(TokenShape shape) {
    if (shape.algNone()) {
      return "none";
    }
    if (shape.hmacWithPublicKey()) {
      return JWSAlgorithm.HS256.getName();
    }
    return signingKey(shape).algorithm().getName();
  }

  private static SigningKey signingKey(TokenShape shape) {
    return shape.signWith() != null ? shape.signWith() : shape.currentKey();
  }

  private static Map<String, Object> claims(
      String issuer, String clientId, IssuedCode code, TokenShape shape, Instant realNow) {
    long issuedAt = realNow.plus(shape.clockOffset()).getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", code.subject());
    claims.put("aud", List.of(clientId));
    claims.put("iat", issuedAt);
    claims.put("exp", issuedAt + LIFETIME_SECONDS);
    claims.put("auth_time", code.authorizedAt().plus(shape.clockOffset()).getEpochSecond());
    if (code.nonce() != null) {
      claims.put("nonce", code.nonce());
    }
    // The user's claims never replace the protocol claims above; claimOverrides does that.
    code.userClaims().forEach((name, value) -> claims.putIfAbsent(name, jsonValue(value)));
    shape.claimOverrides().forEach((name, value) -> claims.put(name, jsonValue(value)));
    shape.removedClaims().forEach(claims::remove);
    return claims;
  }

  private static String signature(TokenShape shape, byte[] signingInput) {
    try {
      if (shape.algNone()) {
        return "";
      }
      if (shape.hmacWithPublicKey()) {
        MACSigner signer = new MACSigner(shape.currentKey().encodedPublicKey());
        return signer.sign(new JWSHeader(JWSAlgorithm.HS256), signingInput).toString();
      }
      SigningKey key = signingKey(shape);
      return key.signer().sign(new JWSHeader(key.algorithm()), signingInput).toString();
    } catch (JOSEException failure) {
      throw new IllegalStateException("cannot sign the ID token", failure);
    }
  }

  private static String base64Json(Map<String, Object> json) {
    return Base64URL.encode(JSONObjectUtils.toJSONString(json)).toString();
  }

  /** Instants and dates become epoch seconds, keys their public JWK, URIs strings. */
  static Object jsonValue(Object value) {
    if (value instanceof Instant instant) {
      return instant.getEpochSecond();
    }
    if (value instanceof Date date) {
      return date.toInstant().getEpochSecond();
    }
    if (value instanceof SigningKey key) {
      return key.publicJwk().toJSONObject();
    }
    if (value instanceof JWK jwk) {
      return jwk.toPublicJWK().toJSONObject();
    }
    if (value instanceof URI || value instanceof URL) {
      return value.toString();
    }
    if (value instanceof Collection<?> values) {
      List<Object> list = new ArrayList<>();
      values.forEach(element -> list.add(jsonValue(element)));
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> object = new LinkedHashMap<>();
      map.forEach((name, element) -> object.put(String.valueOf(name), jsonValue(element)));
      return object;
    }
    return value;
  }
}
