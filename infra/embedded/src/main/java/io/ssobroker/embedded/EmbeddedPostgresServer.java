package io.ssobroker.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL run from the zonky binaries with its data under a directory of ours, kept across restarts. Durability is
 * switched back on (zonky defaults to {@code fsync} and {@code synchronous_commit} off, which suits tests, not data).
 * Clients connect to {@link #HOST}:{@link #port()} as the superuser {@link #USER}, who needs no password, to the
 * database {@link #DATABASE}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String USER = "postgres";
  public static final String DATABASE = "postgres";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final Duration STALE_SERVER_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  public static EmbeddedPostgresServer start(Path dataDirectory) throws IOException {
    return start(dataDirectory, 0);
  }

  /** On a given port (0: a free one), for example to come back where clients expect it after an outage. */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException {
    return start(dataDirectory, port, java.util.Map.of());
  }

  /** With more server settings (a benchmark's {@code shared_preload_libraries}, for example). */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port, java.util.Map<String, String> settings)
      throws IOException {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    Files.createDirectories(directory);
    stopServerLeftByKilledProcess(directory);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(STARTUP_WAIT)
        .setServerConfig("listen_addresses", HOST)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "200");
    settings.forEach(builder::setServerConfig);
    EmbeddedPostgres postgres = builder.start();
    LOG.info("embedded PostgreSQL listening on {}:{}, data in {}", HOST, postgres.getPort(), directory);
    return new EmbeddedPostgresServer(postgres, directory);
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    LOG.info("embedded PostgreSQL stopped");
  }

  /**
   * A broker killed without shutdown (SIGKILL, power cut of the JVM only) leaves its postmaster running on our data
   * directory, and a new one would refuse to start. Stop it first: a smart shutdown, since its clients are gone.
   */
  private static void stopServerLeftByKilledProcess(Path directory) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> stale;
    try {
      stale = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
          .filter(ProcessHandle::isAlive)
          .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
    } catch (NumberFormatException unreadable) {
      return;
    }
    if (stale.isEmpty()) {
      return;
    }
    LOG.warn("stopping a PostgreSQL server (pid {}) left running on {} by a previous process", stale.get().pid(), directory);
    stale.get().destroy();
    try {
      stale.get().onExit().get(STALE_SERVER_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception notStopped) {
      throw new IOException("a PostgreSQL server (pid " + stale.get().pid() + ") still runs on " + directory
          + " and did not stop; stop it and start again");
    }
  }
}
