package io.ssobroker.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets (tokens, nonces, keys) and their SHA-256 hashes, the one place every service makes them. */
public final class Tokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  public static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** 32 random bytes, base64url without padding: 43 characters. */
  public static String random() {
    return base64url(randomBytes(32));
  }

  public static String randomHex(int bytes) {
    return HexFormat.of().formatHex(randomBytes(bytes));
  }

  public static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("the JDK has no SHA-256", missing);
    }
  }

  /** Whether two secrets are equal, in a time that does not tell how much of them matched. */
  public static boolean constantTimeEquals(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  public static String base64url(byte[] bytes) {
    return BASE64URL.encodeToString(bytes);
  }
}
