package io.ssobroker.app.login;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import io.ssobroker.app.Broker;
import io.ssobroker.platform.config.CommandLine;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The all-in-one broker for login tests: free ports, a connectors file and a users file written by the test. */
public final class LoginBroker implements AutoCloseable {

  public final int httpPort;
  public final int adminPort = FreePorts.next();
  public final int kafkaPort = FreePorts.next();
  public final String baseUrl;
  private final Broker broker;
  private Pool sql;

  private LoginBroker(int httpPort, Clock clock) {
    this.httpPort = httpPort;
    this.baseUrl = "http://127.0.0.1:" + httpPort;
    this.broker = new Broker(clock);
  }

  /**
   * @param work a temporary directory for data and files
   * @param connectorsJson the connectors file
   * @param usersJsonLines the users file
   * @param environment environment variables (for secrets written as ${env:NAME})
   * @param extraFlags more command-line flags (IdP authorities, lifetimes)
   */
  public static LoginBroker start(Path work, String connectorsJson, String usersJsonLines,
      Map<String, String> environment, String... extraFlags) throws Exception {
    return start(FreePorts.next(), work, connectorsJson, usersJsonLines, environment, extraFlags);
  }

  /** On a public port chosen beforehand: an IdP configured before the broker starts must know its URLs. */
  public static LoginBroker start(int httpPort, Path work, String connectorsJson, String usersJsonLines,
      Map<String, String> environment, String... extraFlags) throws Exception {
    return start(Clock.systemUTC(), httpPort, work, connectorsJson, usersJsonLines, environment, extraFlags);
  }

  /** A broker whose services measure time by this clock, which the test moves. */
  public static LoginBroker start(Clock clock, int httpPort, Path work, String connectorsJson, String usersJsonLines,
      Map<String, String> environment, String... extraFlags) throws Exception {
    LoginBroker started = new LoginBroker(httpPort, clock);
    Path connectors = Files.writeString(work.resolve("connectors.json"), connectorsJson);
    Path users = Files.writeString(work.resolve("users.jsonl"), usersJsonLines);
    List<String> flags = new ArrayList<>(List.of(
        "--data-dir", work.resolve("data").toString(),
        "--http-port", String.valueOf(started.httpPort),
        "--admin-port", String.valueOf(started.adminPort),
        "--kafka-port", String.valueOf(started.kafkaPort),
        "--public-base-url", started.baseUrl,
        "--connectors-file", connectors.toString(),
        "--users-file", users.toString()));
    flags.addAll(List.of(extraFlags));
    started.broker.start(CommandLine.parse(flags.toArray(String[]::new)), environment);
    started.sql = PgPools.create(started.broker.vertx(), started.broker.serviceContext().database(), "test", 2);
    return started;
  }

  /** The embedded Kafka, or the one given with {@code --kafka-bootstrap-servers}. */
  public String kafkaBootstrapServers() {
    return broker.serviceContext().kafkaBootstrapServers();
  }

  public String auditTopic() {
    return broker.config().auditTopic();
  }

  public long count(String sql) {
    return Await.result(this.sql.query(sql).execute()).iterator().next().getLong(0);
  }

  /**
   * Seals this content with the broker's own state keys (read from its database) under this associated data: what an
   * attacker without the keys cannot do, for a test that forges what only the broker could have sealed.
   */
  public String sealWithStateKeys(JsonObject content, String associatedData) throws GeneralSecurityException {
    AeadConfig.register();
    String keyset = Await.result(sql.query("select keyset from edge.state_keyset where id = 1").execute()).iterator()
        .next().getString(0);
    byte[] sealed = TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get())
        .getPrimitive(Aead.class).encrypt(content.encode().getBytes(StandardCharsets.UTF_8),
            associatedData.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
  }

  /** Runs SQL statements (a test's fault) on the broker's database. */
  public void execute(String statements) {
    Await.result(this.sql.query(statements).execute());
  }

  public Broker broker() {
    return broker;
  }

  @Override
  public void close() {
    if (sql != null) {
      Await.result(sql.close());
    }
    broker.close();
  }
}
