package io.ssobroker.directory.imports;

import io.ssobroker.platform.bus.ServiceException;
import java.util.Locale;

/** The two formats a users file is imported and exported in. */
public enum ImportFormat {
  CSV, JSONL;

  /** {@code csv} or {@code jsonl}, in any case. */
  public static ImportFormat parse(String value) {
    return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
      case "csv" -> CSV;
      case "jsonl" -> JSONL;
      default -> throw ServiceException.invalid("format", "must be csv or jsonl");
    };
  }
}
