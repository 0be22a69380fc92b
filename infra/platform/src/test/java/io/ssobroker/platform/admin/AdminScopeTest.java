package io.ssobroker.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdminScopeTest {

  /** Addresses no admin actor asks: the gateway's authentication and the console's opening of a setup link. */
  private static final Set<String> NOT_OPERATIONS = Set.of(AdminContract.AUTHENTICATE,
      AdminContract.REDEEM_SETUP_LINK);

  @Test
  void everyAdminAddressNeedsAScope() {
    Set<String> addresses = Arrays.stream(AdminContract.class.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
        .map(AdminScopeTest::value).filter(address -> !NOT_OPERATIONS.contains(address))
        .collect(Collectors.toSet());
    assertThat(addresses).isNotEmpty().allSatisfy(address ->
        assertThat(AdminScope.requiredFor(address)).as(address).isPresent());
    assertThat(AdminScope.scopedAddresses()).isEqualTo(addresses);
  }

  @Test
  void aSetupLinksScopesCoverExactlyWhatItMayAsk() {
    AdminActor link = AdminActor.ofSetupLink(UUID.randomUUID(), "acme");
    assertThat(AdminContract.SETUP_LINK_ADDRESSES).allSatisfy(address -> assertThat(mayCall(link, address)).isTrue());
    assertThat(mayCall(link, AdminContract.LIST_USERS)).isFalse();
    assertThat(mayCall(link, AdminContract.DELETE_CONNECTOR)).isFalse();
    assertThatThrownBy(() -> new AdminActor(UUID.randomUUID(), Optional.of("acme"), "link",
        AdminActor.Kind.SETUP_LINK, Set.of(AdminScope.USERS_WRITE))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTokenWithoutTheAddressesScopeIsRefusedBeforeAnyHandler() {
    AdminActor reader = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "auditor",
        Set.of(AdminScope.AUDIT_READ));
    JsonObject asked = new AdminRequest(reader, new JsonObject(), new JsonObject()).toJson();

    assertThat(AdminRequest.fromJson(AdminContract.QUERY_AUDIT, asked).actor()).isEqualTo(reader);
    assertThatThrownBy(() -> AdminRequest.fromJson(AdminContract.UPDATE_USER, asked))
        .isInstanceOfSatisfying(ServiceException.class, refused -> {
          assertThat(refused.failure()).isEqualTo(ServiceFailure.FORBIDDEN);
          assertThat(refused.getMessage()).isEqualTo("this token lacks the scope users:write (it has: audit:read)");
        });
  }

  @Test
  void anActorsScopesTravelWithItAndAnUnknownScopeGivesNothing() {
    AdminActor actor = new AdminActor(UUID.randomUUID(), Optional.empty(), "ops",
        Set.of(AdminScope.ORGS_READ, AdminScope.USERS_READ));
    assertThat(AdminActor.fromJson(actor.toJson())).isEqualTo(actor);
    assertThat(actor.toJson().getJsonArray("scopes")).containsExactly("orgs:read", "users:read");

    JsonObject widened = actor.toJson().put("scopes", new JsonArray().add("orgs:read").add("*").add("admin"));
    assertThat(AdminActor.fromJson(widened).scopes()).containsExactly(AdminScope.ORGS_READ);
    assertThat(mayCall(AdminActor.fromJson(widened), AdminContract.LIST_USERS)).isFalse();
  }

  @Test
  void anAddressThatIsNoOperationIsRefusedToEveryone() {
    AdminActor platform = new AdminActor(UUID.randomUUID(), Optional.empty(), "platform");
    assertThat(platform.scopes()).isEqualTo(AdminScope.ALL);
    assertThat(mayCall(platform, AdminContract.AUTHENTICATE)).isFalse();
    assertThat(mayCall(platform, "sso.registry.somethingNew.v1")).isFalse();
  }

  /** What AdminRequest.fromJson lets through. */
  private static boolean mayCall(AdminActor actor, String address) {
    return actor.withinSetupLink(address) && actor.hasScopeFor(address);
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException impossible) {
      throw new AssertionError(impossible);
    }
  }
}
