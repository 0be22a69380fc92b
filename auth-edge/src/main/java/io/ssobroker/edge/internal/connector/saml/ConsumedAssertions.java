package io.ssobroker.edge.internal.connector.saml;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.platform.Tokens;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Makes each SAML assertion single-use across every edge instance: the first ACS post of an assertion claims its ID
 * in PostgreSQL, any later one (the same response posted again, to this edge or another) finds it claimed. Claimed
 * after the signature and conditions are checked (so forged posts cannot fill the table), before the directory is
 * asked, in a statement of its own, like the OIDC state claim.
 */
public final class ConsumedAssertions {

  private static final String CLAIM = """
      insert into edge.consumed_saml_assertions (key_hash, expires_at) values ($1, $2)
      on conflict (key_hash) do nothing
      """;
  private static final String PURGE = """
      delete from edge.consumed_saml_assertions where key_hash in
        (select key_hash from edge.consumed_saml_assertions where expires_at < now() limit 1000)
      """;

  private final Pool pool;

  public ConsumedAssertions(Pool pool) {
    this.pool = pool;
  }

  /** Claims the assertion until {@code keepUntil}; a second claim fails with {@code STATE_INVALID / replayed}. */
  public Future<Void> claim(ValidatedAssertion assertion, Instant keepUntil) {
    byte[] key = Tokens.sha256(assertion.issuer() + "\n" + assertion.assertionId());
    return pool.preparedQuery(CLAIM).execute(Tuple.of(key, keepUntil.atOffset(ZoneOffset.UTC)))
        .recover(databaseDown -> Future.failedFuture(LoginFailure.of(LoginReason.SESSION_STORE_UNAVAILABLE, databaseDown)))
        .compose(inserted -> inserted.rowCount() == 1
            ? Future.succeededFuture()
            : Future.failedFuture(LoginFailure.of(LoginReason.REPLAYED)));
  }

  public Future<Void> purgeExpired() {
    return pool.query(PURGE).execute().mapEmpty();
  }
}
