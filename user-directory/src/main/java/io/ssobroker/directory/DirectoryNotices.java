package io.ssobroker.directory;

import io.ssobroker.platform.bus.ChangeNotices;
import io.ssobroker.platform.directory.DirectoryContract;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The directory's change notices: a user's sessions and answers cached about them end, or an API key's. */
final class DirectoryNotices {

  private final Vertx vertx;

  DirectoryNotices(Vertx vertx) {
    this.vertx = vertx;
  }

  void userChanged(UUID userId) {
    ChangeNotices.announce(vertx, DirectoryContract.USER_CHANGED, new JsonObject().put("userId", userId.toString()));
  }

  void apiKeyRevoked(UUID userId) {
    ChangeNotices.announce(vertx, DirectoryContract.API_KEY_REVOKED, new JsonObject().put("userId", userId.toString()));
  }
}
