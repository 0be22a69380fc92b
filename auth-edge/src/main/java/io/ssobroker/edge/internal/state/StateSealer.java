package io.ssobroker.edge.internal.state;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import io.ssobroker.edge.connector.LoginReason;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seals login states with authenticated encryption (Tink AEAD over a keyset): secret and tamper-evident. The newest
 * key seals; every key of the keyset opens, so a rotation never breaks a login in flight. The Tink prefix of each
 * token names its key, which lets an unknown key be told apart from tampering.
 */
public final class StateSealer {

  private static final byte[] ASSOCIATED_DATA = "sso-login-state-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AUTHORIZATION_DATA = "sso-pending-authorization-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR_PAGE_DATA = "sso-login-error-page-v1".getBytes(StandardCharsets.US_ASCII);
  private static final int TINK_PREFIX_LENGTH = 5;
  private static final byte TINK_PREFIX_VERSION = 0x01;
  private static final int MAX_TOKEN_LENGTH = 8192;

  static {
    registerTink();
  }

  /** Tink's AEAD key types must be registered before any keyset is generated, parsed or used. */
  static void registerTink() {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException failure) {
      throw new ExceptionInInitializerError(failure);
    }
  }

  /** The keys in use: replaced as a whole when the keyset rotates. */
  private record Keys(Aead aead, Set<Integer> keyIds) {}

  private final Duration lifetime;
  private final Clock clock;
  private volatile Keys keys;

  public StateSealer(KeysetHandle keyset, Duration lifetime, Clock clock) {
    this.lifetime = lifetime;
    this.clock = clock;
    use(keyset);
  }

  /** Switches to a newer keyset (after a rotation by any edge). */
  public void use(KeysetHandle keyset) {
    try {
      keys = new Keys(keyset.getPrimitive(Aead.class), keyset.getKeysetInfo().getKeyInfoList().stream()
          .map(info -> info.getKeyId()).collect(Collectors.toUnmodifiableSet()));
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("the state keyset cannot seal", failure);
    }
  }

  public Duration lifetime() {
    return lifetime;
  }

  public String seal(LoginState state) {
    return sealJson(state.toJson(), ASSOCIATED_DATA);
  }

  /**
   * Seals a product's authorization request for the email page's form, which carries it to the login it begins. Sealed
   * apart from login states (other associated data), so neither can stand for the other.
   */
  public String sealAuthorization(PendingAuthorization authorization) {
    return sealJson(authorization.toJson(), AUTHORIZATION_DATA);
  }

  /** The authorization request this broker sealed, no older than a login state may be; empty otherwise. */
  public Optional<PendingAuthorization> openAuthorization(String token) {
    return openJson(token, AUTHORIZATION_DATA).flatMap(json -> {
      try {
        return Optional.of(PendingAuthorization.fromJson(json));
      } catch (RuntimeException unreadable) {
        return Optional.empty();
      }
    }).filter(authorization -> isFresh(authorization.requestedAt()));
  }

  /**
   * Seals what the error page of a failed login shows, for that page's address: sealed apart from states and
   * authorization requests, stamped with the time, so that only this broker can say what the page shows, and only for
   * as long as a login state lives.
   */
  public String sealErrorPage(JsonObject page) {
    return sealJson(page.copy().put("t", clock.instant().getEpochSecond()), ERROR_PAGE_DATA);
  }

  /** What an error page this broker sealed shows, while it is fresh; empty for anything else. */
  public Optional<JsonObject> openErrorPage(String token) {
    return openJson(token, ERROR_PAGE_DATA)
        .filter(page -> page.getValue("t") instanceof Number sealedAt
            && isFresh(Instant.ofEpochSecond(sealedAt.longValue())));
  }

  private boolean isFresh(Instant sealedAt) {
    return !sealedAt.plus(lifetime).isBefore(clock.instant());
  }

  private String sealJson(JsonObject json, byte[] associatedData) {
    try {
      byte[] sealed = keys.aead().encrypt(json.encode().getBytes(StandardCharsets.UTF_8), associatedData);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("cannot seal", failure);
    }
  }

  /** The JSON this broker sealed with this associated data; empty for anything else, however malformed. */
  private Optional<JsonObject> openJson(String token, byte[] associatedData) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    try {
      byte[] plain = keys.aead().decrypt(Base64.getUrlDecoder().decode(token), associatedData);
      return Optional.of(new JsonObject(new String(plain, StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException | RuntimeException unusable) {
      return Optional.empty();
    }
  }

  /** Opens a token and checks its age and browser; replay is checked by the caller against the shared store. */
  public LoginState open(String token, String browserBinding) {
    if (token == null || token.isEmpty()) {
      throw new StateRejected(LoginReason.MISSING_STATE);
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new StateRejected(LoginReason.MALFORMED_STATE);
    }
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException notBase64) {
      throw new StateRejected(LoginReason.MALFORMED_STATE);
    }
    if (sealed.length <= TINK_PREFIX_LENGTH || sealed[0] != TINK_PREFIX_VERSION) {
      throw new StateRejected(LoginReason.MALFORMED_STATE);
    }
    Keys current = keys;
    if (!current.keyIds().contains(ByteBuffer.wrap(sealed, 1, 4).getInt())) {
      throw new StateRejected(LoginReason.STATE_UNKNOWN_KEY);
    }
    LoginState state;
    try {
      byte[] plain = current.aead().decrypt(sealed, ASSOCIATED_DATA);
      state = LoginState.fromJson(new JsonObject(new String(plain, StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException forged) {
      throw new StateRejected(LoginReason.TAMPERED_STATE);
    } catch (DecodeException | IllegalArgumentException | NullPointerException | ClassCastException unreadable) {
      throw new StateRejected(LoginReason.MALFORMED_STATE);
    }
    Instant now = clock.instant();
    if (state.issuedAt().plus(lifetime).isBefore(now)) {
      throw new StateRejected(LoginReason.STATE_EXPIRED);
    }
    if (browserBinding == null || !browserBinding.equals(state.browserBinding())) {
      throw new StateRejected(LoginReason.OTHER_BROWSER);
    }
    return state;
  }
}
