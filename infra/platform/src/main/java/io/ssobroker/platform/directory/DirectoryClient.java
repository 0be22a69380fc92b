package io.ssobroker.platform.directory;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/** Asks the user directory over the event bus. "Not found" is an empty answer, every other failure fails. */
public final class DirectoryClient {

  private final BusRequester bus;

  public DirectoryClient(BusRequester bus) {
    this.bus = bus;
  }

  public Future<Optional<DirectoryUser>> userByEmail(EmailAddress email) {
    return bus.lookupOptional(DirectoryContract.USER_BY_EMAIL, new UserByEmailRequest(email).toJson())
        .map(answer -> answer.map(DirectoryUser::fromJson));
  }

  /** See {@link DirectoryContract#INTROSPECT_API_KEY}. */
  public Future<JsonObject> introspectApiKey(String key) {
    return bus.lookup(DirectoryContract.INTROSPECT_API_KEY, new JsonObject().put("key", key));
  }

  public Future<Optional<DirectoryUser>> userById(UUID id) {
    return bus.lookupOptional(DirectoryContract.USER_BY_ID, new JsonObject().put("id", id.toString()))
        .map(answer -> answer.map(DirectoryUser::fromJson));
  }
}
