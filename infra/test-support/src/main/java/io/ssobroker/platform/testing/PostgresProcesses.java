package io.ssobroker.platform.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a running PostgreSQL as an outage would, for tests of the broker's behaviour without its database. */
public final class PostgresProcesses {

  private PostgresProcesses() {}

  /**
   * A fast shutdown (SIGINT to the postmaster of this data directory): clients are disconnected and the server stops.
   * Debian's pg_ctl refuses to run as root, so the signal is sent directly.
   */
  public static void stopFast(Path dataDirectory) throws Exception {
    String directory = dataDirectory.toAbsolutePath().normalize().toString();
    ProcessHandle postmaster = ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(directory)).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no postmaster on " + directory));
    Process signal = new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).inheritIO().start();
    if (!signal.waitFor(10, TimeUnit.SECONDS) || signal.exitValue() != 0) {
      throw new AssertionError("could not signal the postmaster on " + directory);
    }
    if (postmaster.onExit().get(30, TimeUnit.SECONDS).isAlive()) {
      throw new AssertionError("the postmaster on " + directory + " did not stop");
    }
  }
}
