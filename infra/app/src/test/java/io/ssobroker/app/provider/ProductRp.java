package io.ssobroker.app.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A product as the tests play it, with Nimbus's client side: builds its authorization requests (state, nonce, PKCE),
 * reads the answer at its redirect URI, redeems codes and validates ID tokens against the broker's JWKS the way any
 * relying party does. Knows nothing of the broker's insides.
 */
final class ProductRp {

  /** One authorization request as the product sent it, with what it must check the answer against. */
  record Request(URI uri, State state, Nonce nonce, CodeVerifier verifier) {}

  private final String issuer;
  private final ClientID clientId;
  private final Optional<Secret> secret;
  private final URI redirectUri;

  ProductRp(String issuer, String clientId, Optional<String> secret, URI redirectUri) {
    this.issuer = issuer;
    this.clientId = new ClientID(clientId);
    this.secret = secret.map(Secret::new);
    this.redirectUri = redirectUri;
  }

  URI redirectUri() {
    return redirectUri;
  }

  Request request(Consumer<AuthenticationRequest.Builder> customize) {
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(ResponseType.CODE,
        new Scope("openid", "email", "profile"), clientId, redirectUri)
        .endpointURI(URI.create(issuer + "/oauth2/authorize"))
        .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256);
    customize.accept(builder);
    return new Request(builder.build().toURI(), state, nonce, verifier);
  }

  Request request() {
    return request(builder -> { });
  }

  /** The code of a successful answer at the redirect URI, after checking its state and issuer (RFC 9207). */
  AuthorizationCode code(Request request, String location) throws Exception {
    assertThat(location).startsWith(redirectUri.toString() + "?");
    AuthorizationResponse response = AuthorizationResponse.parse(URI.create(location));
    assertThat(response.indicatesSuccess()).as("answer %s", location).isTrue();
    assertThat(response.getState()).isEqualTo(request.state());
    assertThat(response.getIssuer()).isEqualTo(new Issuer(issuer));
    return ((AuthorizationSuccessResponse) response).getAuthorizationCode();
  }

  /** The error parameters of an answer at the redirect URI. */
  static Map<String, String> errorOf(String location) throws Exception {
    var parameters = com.nimbusds.oauth2.sdk.util.URLUtils.parseParameters(URI.create(location).getRawQuery());
    return parameters.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
        entry -> entry.getValue().get(0)));
  }

  /** Redeems the code with the product's own credentials and verifier; answers the raw HTTP answer. */
  HTTPResponse redeem(AuthorizationCode code, CodeVerifier verifier) throws Exception {
    AuthorizationCodeGrant grant = new AuthorizationCodeGrant(code, redirectUri, verifier);
    URI token = URI.create(issuer + "/oauth2/token");
    TokenRequest request = secret.isPresent()
        ? new TokenRequest(token, new ClientSecretBasic(clientId, secret.get()), grant)
        : new TokenRequest(token, clientId, grant);
    return request.toHTTPRequest().send();
  }

  /** Uses a refresh token, with the product's own credentials. */
  HTTPResponse refresh(String refreshToken) throws Exception {
    RefreshTokenGrant grant = new RefreshTokenGrant(new RefreshToken(refreshToken));
    URI token = URI.create(issuer + "/oauth2/token");
    TokenRequest request = secret.isPresent()
        ? new TokenRequest(token, new ClientSecretBasic(clientId, secret.get()), grant)
        : new TokenRequest(token, clientId, grant);
    return request.toHTTPRequest().send();
  }

  /** RFC 7662 with the product's own credentials (a confidential product only). */
  HTTPResponse introspect(String token) throws Exception {
    return new TokenIntrospectionRequest(URI.create(issuer + "/oauth2/introspect"),
        new ClientSecretBasic(clientId, secret.orElseThrow()), new TypelessAccessToken(token))
        .toHTTPRequest().send();
  }

  /** RFC 7009 with the product's own credentials, or its client id when public. */
  HTTPResponse revoke(String token) throws Exception {
    URI endpoint = URI.create(issuer + "/oauth2/revoke");
    TypelessAccessToken value = new TypelessAccessToken(token);
    return (secret.isPresent()
        ? new TokenRevocationRequest(endpoint, new ClientSecretBasic(clientId, secret.get()), value)
        : new TokenRevocationRequest(endpoint, clientId, value)).toHTTPRequest().send();
  }

  /** An ID token as any relying party validates it: published key, issuer, audience, expiry, nonce. */
  IDTokenClaimsSet validate(String idToken, Nonce nonce) throws Exception {
    JWT jwt = JWTParser.parse(idToken);
    JWSAlgorithm algorithm = JWSAlgorithm.parse(jwt.getHeader().getAlgorithm().getName());
    return new IDTokenValidator(new Issuer(issuer), clientId, algorithm, new URL(issuer + "/oauth2/jwks"))
        .validate(jwt, nonce);
  }
}
