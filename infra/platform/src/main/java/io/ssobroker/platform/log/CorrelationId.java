package io.ssobroker.platform.log;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of the request being handled, kept in the Vert.x (duplicated) context so that every log line
 * and every event-bus request made on behalf of that request carries it.
 *
 * <p>Vert.x requires context locals to be registered before the first Vertx instance exists: call {@link #install()}
 * first thing in a launcher.
 */
public final class CorrelationId {

  public static final String HEADER = "X-Correlation-Id";

  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
  private static final ContextLocal<String> LOCAL = ContextLocal.registerLocal(String.class);

  private CorrelationId() {}

  /** Registers the context local; calling it loads this class, which is all it takes. */
  public static void install() {
    // the static initializer did the work
  }

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** A caller-provided id is kept only when it is short and plain, so it cannot forge log lines. */
  public static String acceptOrCreate(String candidate) {
    return candidate != null && ACCEPTED.matcher(candidate).matches() ? candidate : newId();
  }

  public static void set(Context context, String correlationId) {
    try {
      LOCAL.put(context, correlationId);
    } catch (RuntimeException contextWithoutLocals) {
      // a Vertx created before install(): ids are simply not tracked there
    }
  }

  public static Optional<String> current() {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(LOCAL.get(context));
    } catch (RuntimeException contextWithoutLocals) {
      return Optional.empty();
    }
  }
}
