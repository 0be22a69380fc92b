package io.ssobroker.directory;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.directory.DirectoryContract;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * API keys look like {@code ssok_<64 hex: 256 random bits><8 hex: CRC-32 of those>}: the prefix lets secret scanners
 * and people recognize a key, the checksum lets introspection reject a mistyped or made-up key without a lookup.
 */
final class ApiKeyFormat {

  static final String PREFIX = DirectoryContract.API_KEY_PREFIX;
  private static final Pattern SHAPE = Pattern.compile("ssok_[0-9a-f]{72}");
  private static final HexFormat HEX = HexFormat.of();

  private ApiKeyFormat() {}

  static String generate() {
    String random = Tokens.randomHex(32);
    return PREFIX + random + checksum(random);
  }

  static boolean isWellFormed(String key) {
    if (key == null || !SHAPE.matcher(key).matches()) {
      return false;
    }
    String random = key.substring(PREFIX.length(), PREFIX.length() + 64);
    return key.endsWith(checksum(random));
  }

  /** Enough of a key to tell keys apart in a listing, far too little to use it. */
  static String hint(String key) {
    return key.substring(0, PREFIX.length() + 4) + "..." + key.substring(key.length() - 4);
  }

  private static String checksum(String random) {
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return HEX.toHexDigits((int) crc.getValue());
  }
}
