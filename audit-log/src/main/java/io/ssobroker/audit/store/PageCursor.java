package io.ssobroker.audit.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of the audit store ended: the time and id of its last event, so that the next page starts strictly
 * after it in (time desc, id desc) order. Opaque to callers: base64url of {@code 1.<epoch micros>.<id>}.
 */
public record PageCursor(Instant time, UUID id) {

  private static final String VERSION = "1";

  public PageCursor {
    time = time.truncatedTo(ChronoUnit.MICROS);
  }

  public String encode() {
    String plain = VERSION + "." + ChronoUnit.MICROS.between(Instant.EPOCH, time) + "." + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  public static Optional<PageCursor> decode(String encoded) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\.", 3);
      if (parts.length != 3 || !parts[0].equals(VERSION)) {
        return Optional.empty();
      }
      Instant time = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
      return Optional.of(new PageCursor(time, UUID.fromString(parts[2])));
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException malformed) {
      return Optional.empty();
    }
  }
}
