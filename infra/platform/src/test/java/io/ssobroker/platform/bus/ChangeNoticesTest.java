package io.ssobroker.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.testing.Await;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangeNoticesTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  @Test
  void thisProcessHearsAnAnnouncementBeforeItReturns() {
    AtomicInteger heard = new AtomicInteger();
    ChangeNotices.listen(vertx, "test.changed", heard::incrementAndGet);

    ChangeNotices.announce(vertx, "test.changed", new JsonObject().put("id", 1));

    assertThat(heard).hasValue(1);
  }

  @Test
  void aListenerHearsItsOwnProcesssAnnouncementOnce() throws InterruptedException {
    AtomicInteger heard = new AtomicInteger();
    ChangeNotices.listen(vertx, "test.changed", heard::incrementAndGet);
    Promise<Void> published = Promise.promise();
    vertx.eventBus().consumer("test.changed", notice -> published.tryComplete());

    ChangeNotices.announce(vertx, "test.changed", new JsonObject());
    Await.result(published.future());
    Thread.sleep(100);

    assertThat(heard).hasValue(1);
  }

  @Test
  void theAnnouncementIsPublishedOnTheEventBusToo() {
    Promise<JsonObject> received = Promise.promise();
    Await.result(vertx.eventBus().<JsonObject>consumer("test.changed", notice -> received.tryComplete(notice.body()))
        .completion());

    ChangeNotices.announce(vertx, "test.changed", new JsonObject().put("id", 2));

    assertThat(Await.result(received.future())).isEqualTo(new JsonObject().put("id", 2));
  }

  @Test
  void aNoticePublishedOnlyOnTheEventBusReachesTheListener() {
    Promise<Void> heard = Promise.promise();
    ChangeNotices.listen(vertx, "test.elsewhere", heard::tryComplete);

    vertx.eventBus().publish("test.elsewhere", new JsonObject());

    assertThat(Await.result(heard.future().map("heard"))).isEqualTo("heard");
  }

  @Test
  void otherAddressesAreNotHeard() {
    AtomicInteger heard = new AtomicInteger();
    ChangeNotices.listen(vertx, "test.one", heard::incrementAndGet);

    ChangeNotices.announce(vertx, "test.other", new JsonObject());

    assertThat(heard).hasValue(0);
  }
}
