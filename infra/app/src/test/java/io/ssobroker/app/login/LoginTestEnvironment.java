package io.ssobroker.app.login;

import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.FreePorts;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a login test class runs against: programmable IdPs, the all-in-one broker, a reader of its audit topic,
 * and the harness that drives logins. Closing it stops all of them.
 */
public final class LoginTestEnvironment implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final List<TestIdp> idps = new ArrayList<>();
  private LoginBroker broker;
  private Clock clock = Clock.systemUTC();
  private AuditTopicReader audit;
  private OidcLoginHarness logins;

  /** A programmable OpenID Provider at this path, stopped with the environment. */
  public TestIdp idp(String pathPrefix) {
    TestIdp idp = TestIdp.start(vertx, pathPrefix);
    idps.add(idp);
    return idp;
  }

  /** The broker started next measures time by this clock (a {@code MovableClock} that the test moves). */
  public LoginTestEnvironment withClock(Clock brokerClock) {
    this.clock = brokerClock;
    return this;
  }

  public LoginTestEnvironment startBroker(Path work, String connectorsJson, String usersJsonLines,
      Map<String, String> environment, String... flags) throws Exception {
    return startBroker(FreePorts.next(), work, connectorsJson, usersJsonLines, environment, flags);
  }

  /** The broker on a public port chosen beforehand (for an IdP that must know the broker's URLs first). */
  public LoginTestEnvironment startBroker(int httpPort, Path work, String connectorsJson, String usersJsonLines,
      Map<String, String> environment, String... flags) throws Exception {
    broker = LoginBroker.start(clock, httpPort, work, connectorsJson, usersJsonLines, environment, flags);
    audit = new AuditTopicReader(broker.kafkaBootstrapServers(), broker.auditTopic());
    logins = new OidcLoginHarness(broker, audit);
    return this;
  }

  public Vertx vertx() {
    return vertx;
  }

  public LoginBroker broker() {
    return broker;
  }

  public AuditTopicReader audit() {
    return audit;
  }

  public OidcLoginHarness logins() {
    return logins;
  }

  @Override
  public void close() {
    if (audit != null) {
      audit.close();
    }
    if (broker != null) {
      broker.close();
    }
    idps.forEach(TestIdp::close);
    Await.result(vertx.close());
  }
}
