package io.ssobroker.platform;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * UUIDs of version 7 (RFC 9562): the time in milliseconds, then random bits. Rows keyed by them go to the end of their
 * primary-key index, where random (version 4) ids would each dirty a page anywhere in it. For ids that must be unique,
 * not secret.
 */
public final class TimeOrderedIds {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private TimeOrderedIds() {}

  public static UUID next() {
    return GENERATOR.generate();
  }
}
