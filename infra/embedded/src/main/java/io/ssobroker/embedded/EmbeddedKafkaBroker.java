package io.ssobroker.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode, in this JVM, listening on 127.0.0.1 only. Its storage is formatted on
 * first start and reused afterwards (the cluster id lives in {@code meta.properties}).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private boolean stopped;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  public static EmbeddedKafkaBroker start(Path dataDirectory, int port) throws IOException {
    return start(dataDirectory, port, port);
  }

  /**
   * Listens on {@code port} but tells clients to connect to {@code advertisedPort}, where something in between (a
   * test's network fault) forwards to it.
   */
  public static EmbeddedKafkaBroker start(Path dataDirectory, int port, int advertisedPort) throws IOException {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    Files.createDirectories(directory);
    int controllerPort = freePort();
    KafkaConfig config = KafkaConfig.fromProps(properties(directory, port, advertisedPort, controllerPort), false);
    formatOnFirstStart(directory);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException failure) {
      // broker threads are not daemons: a half-started broker would keep the JVM alive
      server.shutdown();
      server.awaitShutdown();
      throw new IOException("embedded Kafka did not start on " + HOST + ":" + port + ": " + failure.getMessage(), failure);
    }
    String bootstrap = HOST + ":" + advertisedPort;
    LOG.info("embedded Kafka listening on {}, data in {}", bootstrap, directory);
    return new EmbeddedKafkaBroker(server, bootstrap);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    server.shutdown();
    server.awaitShutdown();
    LOG.info("embedded Kafka stopped");
  }

  private static void formatOnFirstStart(Path directory) throws IOException {
    if (Files.exists(directory.resolve("meta.properties"))) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(directory.toString()))
          .setMetadataLogDirectory(directory.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setNoInitialControllersFlag(true)
          .run();
    } catch (Exception failure) {
      throw new IOException("cannot format Kafka storage in " + directory + ": " + failure.getMessage(), failure);
    }
  }

  private static Properties properties(Path directory, int port, int advertisedPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + advertisedPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", directory.toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    // a single broker: internal topics cannot have more than one replica
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // the default 128 MB dedupe buffer is heap we do not need for one small compacted topic
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    p.put("log.flush.interval.messages", "1");
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }
}
