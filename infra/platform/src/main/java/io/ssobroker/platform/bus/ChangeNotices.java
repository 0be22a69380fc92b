package io.ssobroker.platform.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Announcements that something changed (a user, an API key, the registry), for caches of that thing. Published on the
 * event bus for every process; and, before that, run at once on the announcer's thread for the caches of this
 * process, so that a change is visible to them before the call that made it answers. Through the event bus alone,
 * a cache whose event loop is busy could still answer from memory for a moment after the change was confirmed.
 * Listeners must be quick and safe to call from any thread.
 */
public final class ChangeNotices {

  private static final String LISTENERS = "sso.change-notice-listeners";
  private static final String ORIGIN = "sso.change-notice-origin";
  private static final String ORIGIN_HEADER = "origin";

  private ChangeNotices() {}

  /** Runs this process's listeners of the address, then publishes the notice on the event bus. */
  public static void announce(Vertx vertx, String address, JsonObject notice) {
    Listeners listeners = listeners(vertx).get(address);
    if (listeners != null) {
      listeners.all.forEach(Runnable::run);
    }
    vertx.eventBus().publish(address, notice, new DeliveryOptions().addHeader(ORIGIN_HEADER, origin(vertx)));
  }

  /** Calls {@code listener} once for every notice to the address, announced in this process or published by another. */
  public static void listen(Vertx vertx, String address, Runnable listener) {
    listeners(vertx).computeIfAbsent(address, ignored -> new Listeners()).all.add(listener);
    String origin = origin(vertx);
    vertx.eventBus().consumer(address, notice -> {
      if (!origin.equals(notice.headers().get(ORIGIN_HEADER))) {
        listener.run();
      }
    });
  }

  /** This Vert.x instance's name on its notices: what it announced, its listeners heard already. */
  private static String origin(Vertx vertx) {
    return vertx.sharedData().<String, String>getLocalMap(ORIGIN)
        .computeIfAbsent(ORIGIN, ignored -> UUID.randomUUID().toString());
  }

  private static LocalMap<String, Listeners> listeners(Vertx vertx) {
    return vertx.sharedData().getLocalMap(LISTENERS);
  }

  /** Shared by reference in the process's local map. */
  private static final class Listeners implements Shareable {
    private final List<Runnable> all = new CopyOnWriteArrayList<>();
  }
}
