package io.ssobroker.registry.admin;

import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import java.util.Optional;

/** Refusals about one field of an admin request that the platform's {@link ServiceException} has no factory for. */
public final class FieldRefusals {

  private FieldRefusals() {}

  /** What the field names does not exist (or is not the actor's to see): {@code org: no org acme}. */
  public static ServiceException notFound(String field, String problem) {
    return new ServiceException(ServiceFailure.NOT_FOUND, field + ": " + problem, Optional.of(field));
  }
}
