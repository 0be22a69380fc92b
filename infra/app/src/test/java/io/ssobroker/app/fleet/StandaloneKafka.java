package io.ssobroker.app.fleet;

import io.ssobroker.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code StandaloneKafka DIR PORT}: a Kafka broker (KRaft) in a JVM of its own, until the process is stopped. */
public final class StandaloneKafka {

  private StandaloneKafka() {}

  public static void main(String[] args) throws Exception {
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]));
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
    System.out.println("kafka ready at " + kafka.bootstrapServers());
    new CountDownLatch(1).await();
  }
}
