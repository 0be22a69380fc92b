package io.ssobroker.edge.internal.idp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The circuit of one IdP host: after {@code maxFailures} failed calls in a row it opens, and calls fail at once until
 * {@code openFor} has passed; then one trial call goes through (half-open), whose success closes the circuit and whose
 * failure opens it again. The clock is read when a call comes, so no timer runs and tests advance time instead of
 * waiting for it.
 */
final class IdpCircuit {

  private final int maxFailures;
  private final Duration openFor;
  private final Clock clock;
  private int failures;
  private Instant openUntil;
  private boolean trialInFlight;

  IdpCircuit(int maxFailures, Duration openFor, Clock clock) {
    this.maxFailures = maxFailures;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a call may go out now; when it does, its outcome must be reported. */
  synchronized boolean allowsCall() {
    if (openUntil == null) {
      return true;
    }
    if (trialInFlight || clock.instant().isBefore(openUntil)) {
      return false;
    }
    trialInFlight = true;
    return true;
  }

  synchronized void succeeded() {
    failures = 0;
    openUntil = null;
    trialInFlight = false;
  }

  synchronized void failed() {
    failures++;
    if (trialInFlight || failures >= maxFailures) {
      openUntil = clock.instant().plus(openFor);
    }
    trialInFlight = false;
  }
}
