package io.ssobroker.platform.testing;

import io.ssobroker.embedded.EmbeddedPostgresServer;
import io.ssobroker.platform.Secret;
import io.ssobroker.platform.db.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One embedded PostgreSQL per test JVM, in a temporary directory, stopped when the JVM exits. */
public final class TestPostgres {

  private static EmbeddedPostgresServer server;

  private TestPostgres() {}

  public static synchronized DatabaseSettings settings() {
    if (server == null) {
      try {
        server = EmbeddedPostgresServer.start(Files.createTempDirectory("sso-test-pg"));
      } catch (IOException failure) {
        throw new UncheckedIOException(failure);
      }
      EmbeddedPostgresServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    return settingsOf(server);
  }

  /** Where the broker finds a server that a test started itself (to stop and restart it, for example). */
  public static DatabaseSettings settingsOf(EmbeddedPostgresServer server) {
    return new DatabaseSettings(EmbeddedPostgresServer.HOST, server.port(), EmbeddedPostgresServer.DATABASE,
        EmbeddedPostgresServer.USER, new Secret(""));
  }
}
