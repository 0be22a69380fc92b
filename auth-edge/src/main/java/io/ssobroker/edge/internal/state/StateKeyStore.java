package io.ssobroker.edge.internal.state;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KeysetManager;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.proto.KeyStatusType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The state keyset in PostgreSQL, shared by every edge. The first edge creates it; any edge rotates it once it is
 * older than the rotation period (one wins, the others read its result). Keys older than two rotations are dropped,
 * which is far longer than a state lives.
 */
public final class StateKeyStore {

  private static final String SELECT = "select keyset, rotated_at from edge.state_keyset where id = 1";
  private static final String CREATE =
      "insert into edge.state_keyset (id, keyset, rotated_at) values (1, $1, now()) on conflict (id) do nothing";
  private static final String ROTATE =
      "update edge.state_keyset set keyset = $1, rotated_at = now() where id = 1 and rotated_at = $2";
  private static final int KEYS_KEPT = 3;

  static {
    StateSealer.registerTink();
  }

  private final Pool pool;
  private final Duration rotationPeriod;

  public StateKeyStore(Pool pool, Duration rotationPeriod) {
    this.pool = pool;
    this.rotationPeriod = rotationPeriod;
  }

  /** The current keyset, created or rotated first when needed. */
  public Future<KeysetHandle> current() {
    return pool.preparedQuery(SELECT).execute().compose(rows -> {
      if (rows.size() == 0) {
        return pool.preparedQuery(CREATE).execute(Tuple.of(serialize(newKeyset()))).compose(created -> current());
      }
      Row row = rows.iterator().next();
      KeysetHandle keyset = parse(row.getString("keyset"));
      OffsetDateTime rotatedAt = row.getOffsetDateTime("rotated_at");
      if (rotatedAt.plus(rotationPeriod).isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
        return Future.succeededFuture(keyset);
      }
      return pool.preparedQuery(ROTATE).execute(Tuple.of(serialize(rotated(keyset)), rotatedAt))
          .compose(done -> pool.preparedQuery(SELECT).execute())
          .map(reread -> parse(reread.iterator().next().getString("keyset")));
    });
  }

  static KeysetHandle newKeyset() {
    try {
      return KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM"));
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("cannot generate a state key", failure);
    }
  }

  /** A new primary key, keeping the previous ones (up to {@link #KEYS_KEPT} in all) to open states in flight. */
  static KeysetHandle rotated(KeysetHandle keyset) {
    try {
      KeysetManager manager = KeysetManager.withKeysetHandle(keyset).add(KeyTemplates.get("AES256_GCM"));
      var infos = manager.getKeysetHandle().getKeysetInfo().getKeyInfoList();
      int newest = infos.get(infos.size() - 1).getKeyId();
      manager.setPrimary(newest);
      for (int i = 0; i < infos.size() - KEYS_KEPT; i++) {
        if (infos.get(i).getStatus() == KeyStatusType.ENABLED) {
          manager.disable(infos.get(i).getKeyId());
        }
        manager.delete(infos.get(i).getKeyId());
      }
      return manager.getKeysetHandle();
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("cannot rotate the state keyset", failure);
    }
  }

  private static String serialize(KeysetHandle keyset) {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("cannot serialize the state keyset", failure);
    }
  }

  private static KeysetHandle parse(String serialized) {
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("the stored state keyset cannot be read", failure);
    }
  }
}
