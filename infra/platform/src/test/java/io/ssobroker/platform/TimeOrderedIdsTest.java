package io.ssobroker.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  @Test
  void idsAreVersion7AndCarryTheCurrentTimeInTheirFirst48Bits() {
    long before = System.currentTimeMillis();
    UUID id = TimeOrderedIds.next();
    long after = System.currentTimeMillis();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void laterIdsSortAfterEarlierOnesAsPostgresqlComparesThem() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(TimeOrderedIds.next());
    }

    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    List<String> asText = ids.stream().map(UUID::toString).toList();
    assertThat(asText).isSortedAccordingTo(String::compareTo);
  }
}
