package io.ssobroker.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.config.ConfigException;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserStatus;
import io.ssobroker.platform.config.BrokerConfig;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.TestConfig;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class DirectoryLookupIT {

  @TempDir
  Path directory;

  private Pool sql;

  @BeforeEach
  void emptyUsers(Vertx vertx) {
    sql = PgPools.create(vertx, TestPostgres.settings(), "test", 2);
    Await.result(sql.query("drop schema if exists directory cascade").execute());
    Await.result(sql.query("create schema directory").execute());
  }

  @AfterEach
  void closePool() {
    Await.result(sql.close());
  }

  private DirectoryClient deployWithUsersFile(Vertx vertx, Path usersFile) {
    Await.result(vertx.deployVerticle(directoryWithUsersFile(vertx, usersFile)));
    return new DirectoryClient(new BusRequester(vertx, Duration.ofSeconds(2)));
  }

  @Test
  void importedUsersAreFoundByEmailCaseInsensitively(Vertx vertx) throws IOException {
    Path users = Files.writeString(directory.resolve("users.jsonl"), """
        {"email": "Alice@Acme.com", "name": "Alice", "org": "acme", "status": "active"}
        {"email": "bob@acme.com", "name": "Bob", "org": "acme", "status": "disabled"}
        """);
    DirectoryClient client = deployWithUsersFile(vertx, users);

    DirectoryUser alice = Await.result(client.userByEmail(EmailAddress.parse("ALICE@acme.COM").orElseThrow())).orElseThrow();
    DirectoryUser bob = Await.result(client.userByEmail(EmailAddress.parse("bob@acme.com").orElseThrow())).orElseThrow();

    assertThat(alice.email()).isEqualTo("alice@acme.com");
    assertThat(alice.name()).isEqualTo("Alice");
    assertThat(alice.org()).isEqualTo("acme");
    assertThat(alice.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(bob.status()).isEqualTo(UserStatus.DISABLED);
    assertThat(Await.result(client.userByEmail(EmailAddress.parse("nobody@acme.com").orElseThrow()))).isEmpty();
    Long rows = Await.result(sql.query("select count(*) from directory.users").execute()).iterator().next().getLong(0);
    assertThat(rows).isEqualTo(2);
  }

  @Test
  void importUpdatesExistingUsersInsteadOfDuplicatingThem(Vertx vertx) throws IOException {
    Path first = Files.writeString(directory.resolve("first.jsonl"),
        "{\"email\": \"alice@acme.com\", \"name\": \"Alice\", \"org\": \"acme\"}\n");
    Await.result(vertx.undeploy(deployIdOf(vertx, first)));
    Path second = Files.writeString(directory.resolve("second.csv"),
        "email,name,org,status\nALICE@acme.com,Alice Doe,globex,disabled\n");
    DirectoryClient client = deployWithUsersFile(vertx, second);

    DirectoryUser alice = Await.result(client.userByEmail(EmailAddress.parse("alice@acme.com").orElseThrow())).orElseThrow();

    assertThat(alice.name()).isEqualTo("Alice Doe");
    assertThat(alice.org()).isEqualTo("globex");
    assertThat(alice.status()).isEqualTo(UserStatus.DISABLED);
    Long rows = Await.result(sql.query("select count(*) from directory.users").execute()).iterator().next().getLong(0);
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void badUsersFileFailsTheStartWithItsLineAndWritesNothing(Vertx vertx) throws IOException {
    Path users = Files.writeString(directory.resolve("users.jsonl"), """
        {"email": "alice@acme.com", "name": "Alice", "org": "acme"}
        {"email": "bob@acme.com", "name": "Bob", "org": "acme", "status": "sleeping"}
        """);
    Throwable failure = Await.failure(vertx.deployVerticle(directoryWithUsersFile(vertx, users)));

    assertThat(failure).isInstanceOf(ConfigException.class).hasMessageContaining("line 2: status");
    Long rows = Await.result(sql.query("select count(*) from directory.users").execute()).iterator().next().getLong(0);
    assertThat(rows).isZero();
  }

  private String deployIdOf(Vertx vertx, Path usersFile) {
    return Await.result(vertx.deployVerticle(directoryWithUsersFile(vertx, usersFile)));
  }

  private static Deployable directoryWithUsersFile(Vertx vertx, Path usersFile) {
    BrokerConfig config = TestConfig.fromFlags(vertx, "--users-file", usersFile.toString());
    return new DirectoryService(config.directory())
        .verticle(new ServiceContext(config.eventBus(), TestPostgres.settings(), "unused:9092"));
  }
}
