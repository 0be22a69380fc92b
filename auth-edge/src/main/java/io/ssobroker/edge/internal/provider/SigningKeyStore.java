package io.ssobroker.edge.internal.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.ssobroker.platform.client.ClientDefinition.SigningAlgorithm;
import io.ssobroker.platform.crypto.SealedKeysCheck;
import io.ssobroker.platform.crypto.SecretSealer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The provider's signing keys in PostgreSQL ({@code edge.signing_keys}), shared by every edge. Per algorithm, one key
 * signs ({@code current}) and the next is already published ({@code next}), so that a rotation never makes a product
 * meet a key it has not seen in the JWKS; a retired key stays published until its last token has expired. Private keys
 * are sealed with {@code secrets.keys}, bound to their key id.
 */
final class SigningKeyStore {

  /** A key as stored: its public half, its private half once opened, and where it is in its life. */
  record StoredKey(String kid, SigningAlgorithm algorithm, String state, JWK publicJwk, JWK privateJwk,
      Instant publishedUntil) {}

  private static final String LOCK = "select pg_advisory_xact_lock(hashtext('edge.signing_keys'))";
  private static final String PUBLISHED = """
      select kid, algorithm, state, public_jwk, private_key_sealed, sealing_key_id, published_until
        from edge.signing_keys
       where state in ('next', 'current') or published_until > $1
       order by algorithm, state, created_at
      """;
  private static final String OF_STATE = "select kid from edge.signing_keys where algorithm = $1 and state = $2";
  private static final String INSERT = """
      insert into edge.signing_keys (kid, algorithm, state, public_jwk, private_key_sealed, sealing_key_id, signing_since)
      values ($1, $2, $3, $4, $5, $6, case when $3 = 'current' then $7::timestamptz end)
      """;
  private static final String RETIRE_CURRENT =
      "update edge.signing_keys set state = 'retired', published_until = $2 where algorithm = $1 and state = 'current'";
  private static final String PROMOTE_NEXT =
      "update edge.signing_keys set state = 'current', signing_since = $2 where algorithm = $1 and state = 'next'";
  private static final String PURGE = "delete from edge.signing_keys where state = 'retired' and published_until <= $1";

  private final Vertx vertx;
  private final Pool pool;
  private final SecretSealer sealer;
  private final Clock clock;
  /** How long a retired key stays published: the longest a token it signed may live. */
  private final Duration longestTokenLifetime;

  SigningKeyStore(Vertx vertx, Pool pool, SecretSealer sealer, Clock clock, Duration longestTokenLifetime) {
    this.vertx = vertx;
    this.pool = pool;
    this.sealer = sealer;
    this.clock = clock;
    this.longestTokenLifetime = longestTokenLifetime;
  }

  /** The first edge to start makes each algorithm's current and next key; every other finds them. */
  Future<Void> ensureKeys() {
    return pool.withTransaction(sql -> sql.query(LOCK).execute().compose(locked -> {
      Future<Void> chain = Future.succeededFuture();
      for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
        for (String state : List.of("current", "next")) {
          chain = chain.compose(done -> sql.preparedQuery(OF_STATE).execute(Tuple.of(algorithm.name(), state))
              .compose(rows -> rows.size() > 0 ? Future.succeededFuture() : insert(sql, algorithm, state)));
        }
      }
      return chain;
    }));
  }

  /** Every key a product may meet: next, current, and retired ones still within their tokens' lifetime. */
  Future<List<StoredKey>> published() {
    return pool.preparedQuery(PUBLISHED).execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC))).map(rows -> {
      List<StoredKey> keys = new ArrayList<>();
      for (Row row : rows) {
        keys.add(stored(row));
      }
      return keys;
    });
  }

  /** The next key of each algorithm signs from now on, the current one retires, a new next one is published. */
  Future<Void> rotate() {
    Instant now = clock.instant();
    return pool.withTransaction(sql -> sql.query(LOCK).execute().compose(locked -> {
      Future<Void> chain = sql.preparedQuery(PURGE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).mapEmpty();
      for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
        chain = chain
            .compose(done -> sql.preparedQuery(RETIRE_CURRENT).execute(Tuple.of(algorithm.name(),
                now.plus(longestTokenLifetime).atOffset(ZoneOffset.UTC))))
            .compose(done -> sql.preparedQuery(PROMOTE_NEXT).execute(Tuple.of(algorithm.name(),
                now.atOffset(ZoneOffset.UTC))))
            .compose(done -> insert(sql, algorithm, "next"));
      }
      return chain;
    }));
  }

  /** A new key, made off the event loop (an RSA key takes a while). */
  private Future<Void> insert(SqlConnection sql, SigningAlgorithm algorithm, String state) {
    return vertx.executeBlocking(() -> generate(algorithm), false).compose(key -> {
      SecretSealer.Sealed sealed = sealer.seal(owner(key.getKeyID()),
          key.toJSONString().getBytes(StandardCharsets.UTF_8));
      return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {key.getKeyID(), algorithm.name(), state,
              new JsonObject(key.toPublicJWK().toJSONObject()), Buffer.buffer(sealed.ciphertext()), sealed.keyId(),
              clock.instant().atOffset(ZoneOffset.UTC)}))
          .mapEmpty();
    });
  }

  private StoredKey stored(Row row) {
    String kid = row.getString("kid");
    try {
      JWK publicJwk = JWK.parse(((JsonObject) row.getJson("public_jwk")).encode());
      SecretSealer.Sealed sealed = new SecretSealer.Sealed(row.getString("sealing_key_id"),
          row.getBuffer("private_key_sealed").getBytes());
      byte[] privateJson;
      try {
        privateJson = sealer.openBytes(owner(kid), sealed);
      } catch (IllegalStateException cannotOpen) {
        throw SealedKeysCheck.mismatch(sealer, "the provider's signing keys", sealed);
      }
      JWK privateJwk = JWK.parse(new String(privateJson, StandardCharsets.UTF_8));
      return new StoredKey(kid, SigningAlgorithm.valueOf(row.getString("algorithm")), row.getString("state"),
          publicJwk, privateJwk, row.getOffsetDateTime("published_until") == null ? null
              : row.getOffsetDateTime("published_until").toInstant());
    } catch (ParseException unreadable) {
      throw new IllegalStateException("signing key " + kid + " cannot be read", unreadable);
    }
  }

  private static JWK generate(SigningAlgorithm algorithm) {
    String kid = algorithm.name().toLowerCase() + "-" + UUID.randomUUID();
    try {
      return switch (algorithm) {
        case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
            .generate();
        case RS256 -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
            .generate();
      };
    } catch (JOSEException failure) {
      throw new IllegalStateException("cannot generate a " + algorithm + " key", failure);
    }
  }

  private static String owner(String kid) {
    return "signing-key:" + kid;
  }
}
