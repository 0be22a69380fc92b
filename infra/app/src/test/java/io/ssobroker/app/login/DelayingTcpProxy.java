package io.ssobroker.app.login;

import io.ssobroker.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A TCP proxy on 127.0.0.1 that holds every byte for a settable delay in each direction, in order: a slow network or
 * a slow server, as the client sees it.
 */
final class DelayingTcpProxy implements AutoCloseable {

  private final Vertx vertx;
  private final NetServer server;
  private volatile long delayMillis;

  private DelayingTcpProxy(Vertx vertx, NetServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  static DelayingTcpProxy start(Vertx vertx, int port, int targetPort) {
    DelayingTcpProxy[] proxy = new DelayingTcpProxy[1];
    NetServer server = vertx.createNetServer().connectHandler(inbound -> {
      inbound.pause();
      vertx.createNetClient().connect(targetPort, "127.0.0.1").onComplete(connected -> {
        if (connected.failed()) {
          inbound.close();
          return;
        }
        NetSocket outbound = connected.result();
        proxy[0].forward(inbound, outbound);
        proxy[0].forward(outbound, inbound);
        inbound.resume();
      });
    });
    proxy[0] = new DelayingTcpProxy(vertx, server);
    Await.result(server.listen(port, "127.0.0.1"));
    return proxy[0];
  }

  void delay(Duration delay) {
    delayMillis = delay.toMillis();
  }

  @Override
  public void close() {
    Await.result(server.close());
  }

  private void forward(NetSocket from, NetSocket to) {
    Deque<Held> held = new ArrayDeque<>();
    long[] lastRelease = {0};
    boolean[] scheduled = {false};
    from.handler(buffer -> {
      long releaseAt = Math.max(System.currentTimeMillis() + delayMillis, lastRelease[0]);
      lastRelease[0] = releaseAt;
      held.add(new Held(buffer, releaseAt));
      if (!scheduled[0]) {
        scheduled[0] = true;
        release(held, to, scheduled);
      }
    });
    from.closeHandler(closed -> to.close());
  }

  private void release(Deque<Held> held, NetSocket to, boolean[] scheduled) {
    long now = System.currentTimeMillis();
    while (!held.isEmpty() && held.peek().releaseAt() <= now) {
      to.write(held.poll().buffer());
    }
    if (held.isEmpty()) {
      scheduled[0] = false;
    } else {
      vertx.setTimer(Math.max(1, held.peek().releaseAt() - now), fired -> release(held, to, scheduled));
    }
  }

  private record Held(Buffer buffer, long releaseAt) {}
}
