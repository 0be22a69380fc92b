package io.ssobroker.registry.connectors;

import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /admin/v1/connectors/expiring?within=P30D}: connectors whose secret or certificate expires within the
 * window (or has expired), soonest first.
 */
public final class ExpiringConnectorsHandler {

  private static final int MAX_WINDOW_DAYS = 366;

  private final ExpiryService expiry;

  public ExpiringConnectorsHandler(ExpiryService expiry) {
    this.expiry = expiry;
  }

  public Future<JsonObject> list(AdminRequest request) {
    LocalDate today = expiry.today();
    return Future.succeededFuture(request.param("within")).map(within -> window(within, today))
        .compose(window -> expiry.expiring(request.actor(), window))
        .map(found -> new JsonObject().put("connectors",
            new JsonArray(found.stream().map(credential -> credential.toJson(today)).toList())));
  }

  static Period window(String within, LocalDate today) {
    Period window;
    try {
      window = Period.parse(within == null ? "P30D" : within);
    } catch (DateTimeParseException malformed) {
      throw ServiceException.invalid("within", "must be an ISO-8601 period such as P30D");
    }
    if (window.isNegative() || ChronoUnit.DAYS.between(today, today.plus(window)) > MAX_WINDOW_DAYS) {
      throw ServiceException.invalid("within", "must be between P0D and P366D");
    }
    return window;
  }
}
