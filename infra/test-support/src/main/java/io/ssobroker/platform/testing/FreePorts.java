package io.ssobroker.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free ports on 127.0.0.1 for servers that tests start, each handed out once per JVM: the kernel may offer a port it
 * just offered again, and two servers of one test on the same port would fail (or, both Vert.x servers, share it).
 */
public final class FreePorts {

  private static final int ATTEMPTS = 100;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  public static int next() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = unusedNow();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port that was not handed out before, after " + ATTEMPTS + " attempts");
  }

  /**
   * A free port below the kernel's ephemeral range, for a server that stops and starts again while its peers keep
   * connecting to it: while nothing listens on a port of the ephemeral range, a peer's connection attempt to it can be
   * given that very port as its own source port and connect to itself (TCP simultaneous open), and the restarted
   * server then cannot bind it.
   */
  public static int nextOutsideEphemeralRange() {
    return nextRunOutsideEphemeralRange(1);
  }

  /**
   * The first of {@code length} consecutive free ports below the ephemeral range, all handed out: for a server that
   * also listens at fixed offsets from its port (JGroups' failure detector listens one above the transport).
   */
  public static int nextRunOutsideEphemeralRange(int length) {
    int ephemeralStart = ephemeralRangeStart();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(ephemeralStart / 2, ephemeralStart - length);
      if (reserveRun(first, length)) {
        return first;
      }
    }
    throw new IllegalStateException("no " + length + " free ports below " + ephemeralStart + " after " + ATTEMPTS
        + " attempts");
  }

  private static synchronized boolean reserveRun(int first, int length) {
    for (int port = first; port < first + length; port++) {
      if (HANDED_OUT.contains(port) || !bindable(port)) {
        return false;
      }
    }
    for (int port = first; port < first + length; port++) {
      HANDED_OUT.add(port);
    }
    return true;
  }

  private static int ephemeralRangeStart() {
    try {
      // read as lines: procfs reports a size of 0, and Files.readString then reads a single byte
      return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
          .split("\\s+")[0]);
    } catch (IOException | RuntimeException notLinux) {
      return 32768;
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static int unusedNow() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }
}
