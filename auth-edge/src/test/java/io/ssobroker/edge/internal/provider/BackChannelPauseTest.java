package io.ssobroker.edge.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A product that does not answer is asked again after 1 s, doubling, never more than 5 minutes apart. */
class BackChannelPauseTest {

  @Test
  void pausesDoubleFromOneSecondUpToFiveMinutes() {
    assertThat(BackChannelLogouts.pauseAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(BackChannelLogouts.pauseAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(BackChannelLogouts.pauseAfter(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(BackChannelLogouts.pauseAfter(9)).isEqualTo(Duration.ofSeconds(256));
    assertThat(BackChannelLogouts.pauseAfter(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(BackChannelLogouts.pauseAfter(1_000)).as("no overflow after many attempts")
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(BackChannelLogouts.pauseAfter(0)).isEqualTo(Duration.ofSeconds(1));
  }
}
