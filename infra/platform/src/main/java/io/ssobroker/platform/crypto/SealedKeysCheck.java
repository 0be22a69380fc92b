package io.ssobroker.platform.crypto;

import io.ssobroker.platform.config.ConfigException;
import java.util.List;

/**
 * At start, one stored secret per key id that sealed any is opened with this process's {@code secrets.keys}: a process
 * whose keys differ from the fleet's fails there, with a message naming the key, never at the first login.
 */
public final class SealedKeysCheck {

  /** A secret as stored: what it belongs to (its associated data) and its sealed bytes. */
  public record Sample(String owner, SecretSealer.Sealed sealed) {}

  private SealedKeysCheck() {}

  /** @param what what the samples are, for the message ("connector secrets") */
  public static Void verify(SecretSealer sealer, List<Sample> samples, String what) {
    for (Sample sample : samples) {
      try {
        sealer.openBytes(sample.owner(), sample.sealed());
      } catch (IllegalStateException cannotOpen) {
        throw mismatch(sealer, what, sample.sealed());
      }
    }
    return null;
  }

  /** The start-time failure for a stored secret that this process's {@code secrets.keys} cannot open. */
  public static ConfigException mismatch(SecretSealer sealer, String what, SecretSealer.Sealed sealed) {
    boolean unknownKey = !sealer.hasKey(sealed.keyId());
    return new ConfigException("configuration secrets.keys (SSO_SECRETS_KEYS, --secrets-keys): " + what
        + " in the database were sealed with key '" + sealed.keyId() + "', which "
        + (unknownKey ? "this process does not have" : "this process has with different key material")
        + "; every process of a fleet needs the same secrets.keys (add new keys first, keep old ones until "
        + "nothing sealed with them is left)");
  }
}
