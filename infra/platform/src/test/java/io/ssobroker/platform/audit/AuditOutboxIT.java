package io.ssobroker.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A change and its event in one statement: both stored, or neither, whichever half fails. */
@ExtendWith(VertxExtension.class)
class AuditOutboxIT {

  private static final String SCHEMA = """
      create schema if not exists outbox_with_test;
      drop table if exists outbox_with_test.audit_outbox;
      drop table if exists outbox_with_test.things;
      create table outbox_with_test.audit_outbox (
        seq bigserial primary key, id uuid not null unique, org text not null default '', payload jsonb not null);
      create table outbox_with_test.things (name text primary key, size int not null);
      """;
  private static final String INSERT_THING = "insert into outbox_with_test.things (name, size) values ($1, $2)";

  private final AuditOutbox outbox = new AuditOutbox("outbox_with_test.audit_outbox");
  private Pool pool;

  @BeforeEach
  void createTables(Vertx vertx) {
    pool = PgPools.create(vertx, TestPostgres.settings(), "outbox-with-it", 2);
    Await.result(pool.query(SCHEMA).execute());
  }

  @AfterEach
  void closePool() {
    Await.result(pool.close());
  }

  @Test
  void storesTheChangeAndItsEventTogether() {
    AuditEvent event = AuditEvent.builder("thing.created").org("acme").build();

    Await.result(outbox.appendWith(pool, INSERT_THING, Tuple.of("anvil", 3), event));

    assertThat(count("select count(*) from outbox_with_test.things where name = 'anvil' and size = 3")).isEqualTo(1);
    assertThat(count("select count(*) from outbox_with_test.audit_outbox where id = '" + event.id()
        + "' and org = 'acme' and payload->>'type' = 'thing.created'")).isEqualTo(1);
  }

  @Test
  void aFailedChangeStoresNoEvent() {
    Await.result(pool.preparedQuery(INSERT_THING).execute(Tuple.of("anvil", 3)));

    assertThatThrownBy(() -> Await.result(outbox.appendWith(pool, INSERT_THING, Tuple.of("anvil", 4),
        AuditEvent.builder("thing.created").org("acme").build())))
        .hasMessageContaining("duplicate key");

    assertThat(count("select count(*) from outbox_with_test.audit_outbox")).isZero();
  }

  @Test
  void aFailedEventUndoesTheChange() {
    AuditEvent event = AuditEvent.builder("thing.created").org("acme").build();
    Await.result(outbox.append(pool, event));

    assertThatThrownBy(() -> Await.result(outbox.appendWith(pool, INSERT_THING, Tuple.of("anvil", 3), event)))
        .hasMessageContaining("duplicate key");

    assertThat(count("select count(*) from outbox_with_test.things")).isZero();
    assertThat(count("select count(*) from outbox_with_test.audit_outbox")).isEqualTo(1);
  }

  private long count(String query) {
    return Await.result(pool.query(query).execute()).iterator().next().getLong(0);
  }
}
