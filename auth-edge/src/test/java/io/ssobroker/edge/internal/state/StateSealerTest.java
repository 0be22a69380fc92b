package io.ssobroker.edge.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StateSealerTest {

  private static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private final KeysetHandle keyset = StateKeyStore.newKeyset();

  private static LoginState state(Instant issuedAt) {
    return new LoginState(UUID.randomUUID(), "acme", UUID.randomUUID(), "nonce-1", "verifier-1",
        Optional.of("/test-app"), issuedAt, "browser-1");
  }

  private static StateSealer sealer(KeysetHandle keys, Instant now) {
    return new StateSealer(keys, LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static String reason(Runnable opening) {
    try {
      opening.run();
    } catch (StateRejected rejected) {
      return rejected.reason().code();
    }
    throw new AssertionError("the state was accepted");
  }

  @Test
  void roundTripKeepsEveryField() {
    LoginState original = state(NOW.minusSeconds(30));
    StateSealer sealer = sealer(keyset, NOW);

    LoginState opened = sealer.open(sealer.seal(original), "browser-1");

    assertThat(opened).isEqualTo(original);
  }

  @Test
  void sealedStateRevealsNothing() {
    String token = sealer(keyset, NOW).seal(state(NOW));
    String decoded = new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(decoded).doesNotContain("verifier-1").doesNotContain("nonce-1").doesNotContain("acme");
  }

  @Test
  void everyTamperingIsRejected() {
    StateSealer sealer = sealer(keyset, NOW);
    String token = sealer.seal(state(NOW));
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    bytes[bytes.length / 2] ^= 0x01;
    String flipped = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byte[] cut = java.util.Arrays.copyOf(Base64.getUrlDecoder().decode(token), bytes.length - 4);

    assertThat(reason(() -> sealer.open(flipped, "browser-1"))).isEqualTo("tampered");
    assertThat(reason(() -> sealer.open(Base64.getUrlEncoder().withoutPadding().encodeToString(cut), "browser-1")))
        .isEqualTo("tampered");
    assertThat(reason(() -> sealer.open(null, "browser-1"))).isEqualTo("missing");
    assertThat(reason(() -> sealer.open("not*base64", "browser-1"))).isEqualTo("malformed");
    assertThat(reason(() -> sealer.open("AAAA", "browser-1"))).isEqualTo("malformed");
  }

  @Test
  void expiredStateIsRejectedAndFreshOneAccepted() {
    String token = sealer(keyset, NOW).seal(state(NOW));

    assertThat(sealer(keyset, NOW.plus(LIFETIME).minusSeconds(1)).open(token, "browser-1")).isNotNull();
    assertThat(reason(() -> sealer(keyset, NOW.plus(LIFETIME).plusSeconds(1)).open(token, "browser-1")))
        .isEqualTo("expired");
  }

  @Test
  void stateFromAnotherBrowserIsRejected() {
    StateSealer sealer = sealer(keyset, NOW);
    String token = sealer.seal(state(NOW));

    assertThat(reason(() -> sealer.open(token, "browser-2"))).isEqualTo("other_browser");
    assertThat(reason(() -> sealer.open(token, null))).isEqualTo("other_browser");
  }

  @Test
  void previousKeyStillOpensAfterRotationAndNewestSeals() {
    String sealedBefore = sealer(keyset, NOW).seal(state(NOW));
    KeysetHandle rotated = StateKeyStore.rotated(keyset);
    StateSealer afterRotation = sealer(rotated, NOW);

    assertThat(afterRotation.open(sealedBefore, "browser-1")).isNotNull();
    String sealedAfter = afterRotation.seal(state(NOW));
    assertThat(reason(() -> sealer(keyset, NOW).open(sealedAfter, "browser-1")))
        .as("the old keyset does not know the new key").isEqualTo("unknown_key");
  }

  @Test
  void stateSealedWithAnUnknownKeyIsRejected() {
    String foreign = sealer(StateKeyStore.newKeyset(), NOW).seal(state(NOW));

    assertThat(reason(() -> sealer(keyset, NOW).open(foreign, "browser-1"))).isEqualTo("unknown_key");
  }

  @Test
  void rotationKeepsAtMostThreeKeys() {
    KeysetHandle keys = keyset;
    for (int i = 0; i < 5; i++) {
      keys = StateKeyStore.rotated(keys);
    }
    assertThat(keys.getKeysetInfo().getKeyInfoCount()).isEqualTo(3);
    assertThatThrownBy(() -> sealer(keyset, NOW).open(sealer(StateKeyStore.rotated(keyset), NOW).seal(state(NOW)), "b"))
        .isInstanceOf(StateRejected.class);
  }

  @Test
  void anErrorPageOpensOnlyAsSealedHereWhileFresh() {
    StateSealer sealer = sealer(keyset, NOW);
    JsonObject page = new JsonObject().put("c", "USER_NOT_ALLOWED")
        .put("r", "unknown_user").put("rt", "/test-app");
    String token = sealer.sealErrorPage(page);

    assertThat(sealer.openErrorPage(token)).hasValueSatisfying(opened -> assertThat(opened.getString("rt"))
        .isEqualTo("/test-app"));
    assertThat(sealer(keyset, NOW.plus(LIFETIME).plusSeconds(1)).openErrorPage(token)).as("too old").isEmpty();
    assertThat(sealer(StateKeyStore.newKeyset(), NOW).openErrorPage(token)).as("another key").isEmpty();
    int middle = token.length() / 2;
    assertThat(sealer.openErrorPage(token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A')
        + token.substring(middle + 1))).as("tampered").isEmpty();
    assertThat(sealer.openErrorPage("not base64 !")).isEmpty();
    assertThat(sealer.openErrorPage(null)).isEmpty();
    assertThat(sealer.openErrorPage(sealer.seal(state(NOW)))).as("a login state is no error page").isEmpty();
  }
}
