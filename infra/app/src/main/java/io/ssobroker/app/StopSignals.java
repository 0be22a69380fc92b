package io.ssobroker.app;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and Ctrl-C stop the broker in order before the JVM's shutdown hooks run. The embedded PostgreSQL library
 * stops its server from a shutdown hook of its own, and hooks run all at once: PostgreSQL would be gone while the
 * ports still drain their requests in flight. A second signal stops at once.
 */
final class StopSignals {

  static final int EXIT_STOPPED = 0;
  static final int EXIT_FORCED = 1;

  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private StopSignals() {}

  static void install(Runnable stop) {
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> {
          if (!stopping.compareAndSet(false, true)) {
            LOG.warn("SIG{} again: stopping without waiting for the rest", signal.getName());
            System.exit(EXIT_FORCED);
          }
          LOG.info("SIG{}: stopping", signal.getName());
          // the JVM runs signal handlers on daemon threads: once the services' threads are gone it would exit in the
          // middle of the stop, leaving PostgreSQL to its own shutdown hook. A thread of our own keeps it alive.
          Thread stopper = new Thread(() -> {
            stop.run();
            System.exit(EXIT_STOPPED);
          }, "sso-stop");
          stopper.setDaemon(false);
          stopper.start();
        });
      } catch (IllegalArgumentException reservedByTheJvm) {
        // -Xrs, or a tool that owns the signal: starting matters more than an orderly stop on that signal
        LOG.warn("SIG{} is reserved ({}): a stop by it does not drain requests in flight", name,
            reservedByTheJvm.getMessage());
      }
    }
  }
}
