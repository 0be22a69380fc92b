package io.ssobroker.edge.internal.idp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An IdP's circuit opens after repeated failures, pauses calls, and lets one trial through once the pause is over. */
class IdpCircuitTest {

  private static final Duration PAUSE = Duration.ofSeconds(10);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final IdpCircuit circuit = new IdpCircuit(3, PAUSE, clock);

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(circuit.allowsCall()).isTrue();
      circuit.failed();
    }
  }

  @Test
  void itOpensAfterTheFailuresInARowAndASuccessResetsTheCount() {
    fail(2);
    assertThat(circuit.allowsCall()).isTrue();
    circuit.succeeded();
    fail(2);
    assertThat(circuit.allowsCall()).as("two failures after a success").isTrue();
    circuit.failed();
    assertThat(circuit.allowsCall()).as("the third in a row opens it").isFalse();
  }

  @Test
  void afterThePauseOneTrialGoesThroughAndItsSuccessClosesTheCircuit() {
    fail(3);
    clock.advance(PAUSE.minusMillis(1));
    assertThat(circuit.allowsCall()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(circuit.allowsCall()).as("the trial").isTrue();
    assertThat(circuit.allowsCall()).as("only one trial at a time").isFalse();
    circuit.succeeded();
    assertThat(circuit.allowsCall()).isTrue();
    assertThat(circuit.allowsCall()).isTrue();
  }

  @Test
  void aFailedTrialOpensItAgainForAnotherPause() {
    fail(3);
    clock.advance(PAUSE);
    assertThat(circuit.allowsCall()).isTrue();
    circuit.failed();
    assertThat(circuit.allowsCall()).isFalse();
    clock.advance(PAUSE);
    assertThat(circuit.allowsCall()).isTrue();
  }
}
