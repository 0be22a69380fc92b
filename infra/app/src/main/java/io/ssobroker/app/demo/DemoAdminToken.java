package io.ssobroker.app.demo;

import io.ssobroker.platform.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The demo's platform-admin token, kept in a file of the demo's data directory that only its owner can read, so that
 * a newcomer finds it again at every start (the generated token of a real installation is shown once, never kept).
 */
public final class DemoAdminToken {

  static final String FILE = "admin-token";

  private DemoAdminToken() {}

  public static String readOrCreate(Path demoDataDir) {
    Path file = demoDataDir.resolve(FILE);
    try {
      Files.createDirectories(demoDataDir);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Tokens.random() + "\n", StandardCharsets.UTF_8);
      } catch (FileAlreadyExistsException kept) {
        // the token of an earlier start
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.length() < 32) {
        throw new IllegalStateException(file + " must hold the demo's admin token (32 characters or more); delete it "
            + "for a new one");
      }
      return token;
    } catch (IOException failure) {
      throw new UncheckedIOException("cannot keep the demo's admin token in " + file + ": " + failure.getMessage(),
          failure);
    }
  }

  static Path file(Path demoDataDir) {
    return demoDataDir.resolve(FILE);
  }
}
