package io.ssobroker.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
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

  private static int unusedNow() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }
}
