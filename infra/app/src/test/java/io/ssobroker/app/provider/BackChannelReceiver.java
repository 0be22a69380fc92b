package io.ssobroker.app.provider;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A product's back-channel logout endpoint (OIDC Back-Channel Logout 1.0, 2.5), as small as a product could write it:
 * takes the POSTed {@code logout_token} and answers 200. It can be stopped and started again on the same port, to play
 * a product that is down.
 */
final class BackChannelReceiver implements AutoCloseable {

  private final int port;
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private HttpServer server;

  BackChannelReceiver(int port) {
    this.port = port;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port + "/backchannel-logout");
  }

  BackChannelReceiver start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.createContext("/backchannel-logout", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
      for (String pair : body.split("&")) {
        if (pair.startsWith("logout_token=")) {
          tokens.add(URLDecoder.decode(pair.substring("logout_token=".length()), StandardCharsets.UTF_8));
        }
      }
      exchange.getResponseHeaders().add("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    return this;
  }

  void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  List<String> tokens() {
    return List.copyOf(tokens);
  }

  List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  /** Waits until at least {@code count} logout tokens arrived; answers them all. */
  List<String> await(int count, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (tokens.size() < count) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("expected " + count + " logout tokens within " + within + ", got " + tokens.size());
      }
      Thread.sleep(50);
    }
    return tokens();
  }

  /** Waits for a logout token naming this session; answers it. */
  String awaitFor(String sid, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      for (String token : tokens) {
        if (sid.equals(sidOf(token))) {
          return token;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no logout token for session " + sid + " within " + within);
      }
      Thread.sleep(50);
    }
  }

  /** The sid a token names, read without checking it (the test checks it afterwards). */
  static String sidOf(String token) {
    try {
      return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
    } catch (java.text.ParseException unreadable) {
      return null;
    }
  }

  /**
   * A logout token as a product checks it (Back-Channel Logout 1.0, 2.6): type {@code logout+jwt}, signed by a key of
   * the issuer's JWKS, from the issuer, for the client, with the back-channel logout event and no nonce.
   */
  static JWTClaimsSet verified(String token, String issuer, String clientId) throws Exception {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256),
        JWKSourceBuilder.create(new URL(issuer + "/oauth2/jwks")).build()));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
        new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "sid", "iat", "jti", "events")));
    JWTClaimsSet claims = processor.process(token, null);
    if (claims.getJSONObjectClaim("events").get("http://schemas.openid.net/event/backchannel-logout") == null
        || claims.getClaim("nonce") != null) {
      throw new AssertionError("not a logout token: " + claims);
    }
    return claims;
  }

  @Override
  public void close() {
    stop();
  }
}
