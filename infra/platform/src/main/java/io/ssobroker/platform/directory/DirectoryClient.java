package io.ssobroker.platform.directory;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.bus.BusRequester;
import io.vertx.core.Future;
import java.util.Optional;

/** Asks the user directory over the event bus. "Not found" is an empty answer, every other failure fails. */
public final class DirectoryClient {

  private final BusRequester bus;

  public DirectoryClient(BusRequester bus) {
    this.bus = bus;
  }

  public Future<Optional<DirectoryUser>> userByEmail(EmailAddress email) {
    return bus.requestOptional(DirectoryContract.USER_BY_EMAIL, new UserByEmailRequest(email).toJson())
        .map(answer -> answer.map(DirectoryUser::fromJson));
  }
}
