package io.ssobroker.edge.internal.web;

import io.ssobroker.edge.internal.login.CachedRegistry;
import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The brand of the org a page is about; a page is shown unbranded rather than not at all when the registry fails. */
final class Brands {

  private static final Logger LOG = LoggerFactory.getLogger(Brands.class);

  private final CachedRegistry registry;

  Brands(CachedRegistry registry) {
    this.registry = registry;
  }

  Future<Optional<Brand>> of(Optional<String> org) {
    if (org.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return registry.org(org.get()).map(found -> found.map(Brand::of)).recover(failure -> {
      LOG.warn("the brand of org {} is not known now, the page is shown without it: {}", org.get(),
          failure.toString());
      return Future.succeededFuture(Optional.empty());
    });
  }
}
