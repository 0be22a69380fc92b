package io.ssobroker.registry.admin;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A registry serving its admin addresses on the test's event bus, emptied before each test but for acme and globex. */
@ExtendWith(VertxExtension.class)
abstract class RegistryAdminCase {

  static RegistryAdminBus registry;

  @BeforeAll
  static void deployRegistry(Vertx vertx) throws Exception {
    registry = RegistryAdminBus.deploy(vertx);
  }

  @AfterAll
  static void closeRegistry() {
    registry.close();
  }

  @BeforeEach
  void emptyRegistry() {
    registry.reset("acme", "globex");
  }
}
