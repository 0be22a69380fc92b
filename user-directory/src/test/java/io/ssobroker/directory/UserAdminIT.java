package io.ssobroker.directory;

import static io.ssobroker.directory.DirectoryFixture.ACME_ADMIN;
import static io.ssobroker.directory.DirectoryFixture.PLATFORM;
import static io.ssobroker.directory.DirectoryFixture.org;
import static io.ssobroker.directory.DirectoryFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The users admin API of the directory, over its event-bus addresses, against PostgreSQL. */
@ExtendWith(VertxExtension.class)
class UserAdminIT {

  private DirectoryFixture directory;

  @BeforeEach
  void start(Vertx vertx) {
    directory = DirectoryFixture.start(vertx);
  }

  @AfterEach
  void stop() {
    directory.close();
  }

  private String create(String org, String body) {
    return directory.adminOk(AdminContract.CREATE_USER, PLATFORM, org(org), new JsonObject(body)).getString("id");
  }

  @Test
  void aCreatedUserIsAnsweredAsTheApiShowsItAndItsEventIsInTheOutbox() {
    JsonObject created = directory.adminOk(AdminContract.CREATE_USER, ACME_ADMIN, org("acme"),
        new JsonObject().put("email", " Ann@Acme.com ").put("name", "Ann"));

    assertThat(created.fieldNames()).containsExactly("id", "email", "name", "org", "status", "role", "createdAt",
        "updatedAt");
    assertThat(created.getString("email")).isEqualTo("ann@acme.com");
    assertThat(created.getString("status")).isEqualTo("active");
    assertThat(created.getString("role")).isEqualTo("member");
    JsonObject event = directory.auditEvents("admin.user.created").get(0);
    assertThat(event.getString("org")).isEqualTo("acme");
    JsonObject details = event.getJsonObject("details");
    assertThat(details.getJsonObject("actor").getString("name")).isEqualTo("acme admin");
    assertThat(details.getString("target")).isEqualTo("user " + created.getString("id") + " (ann@acme.com)");
    assertThat(details.getJsonObject("after")).isEqualTo(created);
  }

  @Test
  void anOrgAdminOfAnotherOrgFindsNoneOfItsUsersAndChangesNothing() {
    String frank = create("beta", "{\"email\": \"frank@beta.com\"}");
    List<JsonObject> eventsBefore = directory.auditEvents();

    assertRefused(directory.adminRefused(AdminContract.LIST_USERS, ACME_ADMIN, org("beta"), new JsonObject()),
        ServiceFailure.NOT_FOUND, "org", "org: no org beta");
    assertRefused(directory.adminRefused(AdminContract.GET_USER, ACME_ADMIN, user("beta", frank), new JsonObject()),
        ServiceFailure.NOT_FOUND, "id", "id: no such user in this org");
    assertRefused(directory.adminRefused(AdminContract.GET_USER, ACME_ADMIN, user("acme", frank), new JsonObject()),
        ServiceFailure.NOT_FOUND, "id", "id: no such user in this org");
    assertRefused(directory.adminRefused(AdminContract.UPDATE_USER, ACME_ADMIN, user("acme", frank),
        new JsonObject().put("email", "frank@beta.com").put("status", "disabled")),
        ServiceFailure.NOT_FOUND, "id", "id: no such user in this org");
    assertRefused(directory.adminRefused(AdminContract.DELETE_USER, ACME_ADMIN, user("beta", frank), new JsonObject()),
        ServiceFailure.NOT_FOUND, "id", "id: no such user in this org");
    assertRefused(directory.adminRefused(AdminContract.CREATE_USER, ACME_ADMIN, org("beta"),
        new JsonObject().put("email", "x@beta.com")), ServiceFailure.NOT_FOUND, "org", "org: no org beta");
    assertRefused(directory.adminRefused(AdminContract.EXPORT_USERS_PAGE, ACME_ADMIN, org("beta"), new JsonObject()),
        ServiceFailure.NOT_FOUND, "org", "org: no org beta");

    assertThat(directory.adminOk(AdminContract.GET_USER, PLATFORM, user("beta", frank), new JsonObject())
        .getString("status")).isEqualTo("active");
    assertThat(directory.count("select count(*) from directory.users")).isEqualTo(1);
    assertThat(directory.auditEvents()).isEqualTo(eventsBefore);
  }

  @Test
  void aRequestForAnotherOrgIsNotFoundWhateverItsBody() {
    String ann = create("acme", "{\"email\": \"ann@acme.com\"}");

    assertRefused(directory.adminRefused(AdminContract.CREATE_USER, ACME_ADMIN, org("beta"),
        new JsonObject().put("email", 42)), ServiceFailure.NOT_FOUND, "org", "org: no org beta");
    assertRefused(directory.adminRefused(AdminContract.LIST_USERS, ACME_ADMIN, org("beta").put("limit", "0"),
        new JsonObject()), ServiceFailure.NOT_FOUND, "org", "org: no org beta");
    assertRefused(directory.adminRefused(AdminContract.EXPORT_USERS_PAGE, ACME_ADMIN,
        org("beta").put("cursor", "not*a*cursor"), new JsonObject()), ServiceFailure.NOT_FOUND, "org",
        "org: no org beta");
    assertRefused(directory.adminRefused(AdminContract.BEGIN_USER_IMPORT, ACME_ADMIN, org("beta"),
        new JsonObject().put("format", "xml")), ServiceFailure.NOT_FOUND, "org", "org: no org beta");
    assertRefused(directory.adminRefused(AdminContract.MOVE_USER, ACME_ADMIN, user("acme", ann),
        new JsonObject().put("team", "x")), ServiceFailure.FORBIDDEN, null,
        "only a platform admin moves users between orgs");
  }

  @Test
  void aTokenWithoutUsersWriteReadsUsersButChangesNone() {
    String ann = create("acme", "{\"email\": \"ann@acme.com\"}");
    AdminActor reader = new AdminActor(UUID.randomUUID(), Optional.of("acme"), "reader", Set.of(AdminScope.USERS_READ));

    ServiceException refused = directory.adminRefused(AdminContract.CREATE_USER, reader, org("acme"),
        new JsonObject().put("email", "bob@acme.com"));
    ServiceException deleting = directory.adminRefused(AdminContract.DELETE_USER, reader, user("acme", ann),
        new JsonObject());

    assertRefused(refused, ServiceFailure.FORBIDDEN, null, "this token lacks the scope users:write (it has: users:read)");
    assertThat(deleting.failure()).isEqualTo(ServiceFailure.FORBIDDEN);
    assertThat(directory.adminOk(AdminContract.GET_USER, reader, user("acme", ann), new JsonObject())
        .getString("email")).isEqualTo("ann@acme.com");
    assertThat(directory.count("select count(*) from directory.users")).isEqualTo(1);
    assertThat(directory.auditEvents("admin.user.deleted")).isEmpty();
  }

  @Test
  void aSetupLinkMayNotAskForUsers() {
    create("acme", "{\"email\": \"ann@acme.com\"}");
    AdminActor link = AdminActor.ofSetupLink(UUID.randomUUID(), "acme");

    ServiceException refused = directory.adminRefused(AdminContract.LIST_USERS, link, org("acme"), new JsonObject());

    assertRefused(refused, ServiceFailure.FORBIDDEN, null,
        "a setup link may only set up its org's connectors and domains");
  }

  static Stream<Arguments> refusedBodies() {
    return Stream.of(
        Arguments.of("{\"email\": \"not-an-email\"}", "email", "email: not an email address"),
        Arguments.of("{\"name\": \"No Email\"}", "email", "email: required"),
        Arguments.of("{\"email\": 42}", "email", "email: must be a string"),
        Arguments.of("{\"email\": \"g@acme.com\", \"role\": \"owner\"}", "role", "role: must be member or admin"),
        Arguments.of("{\"email\": \"g@acme.com\", \"status\": \"gone\"}", "status", "status: must be active or disabled"),
        Arguments.of("{\"email\": \"g@acme.com\", \"name\": \"a\\u0007b\"}", "name",
            "name: must not contain control characters"),
        Arguments.of("{\"email\": \"g@acme.com\", \"org\": \"beta\"}", "org",
            "org: unknown field (expected email, name, role, status)"));
  }

  @ParameterizedTest
  @MethodSource("refusedBodies")
  void aRefusedBodyNamesItsFieldAndWritesNothing(String body, String field, String message) {
    ServiceException refused = directory.adminRefused(AdminContract.CREATE_USER, PLATFORM, org("acme"),
        new JsonObject(body));

    assertRefused(refused, ServiceFailure.INVALID_REQUEST, field, message);
    assertThat(directory.count("select count(*) from directory.users")).isZero();
    assertThat(directory.auditEvents()).isEmpty();
  }

  @Test
  void refusedListingParametersNameTheirField() {
    assertRefused(directory.adminRefused(AdminContract.LIST_USERS, PLATFORM, org("acme").put("limit", "0"),
        new JsonObject()), ServiceFailure.INVALID_REQUEST, "limit", "limit: must be a whole number from 1 to 1000");
    assertRefused(directory.adminRefused(AdminContract.LIST_USERS, PLATFORM, org("acme").put("cursor", "not*a*cursor"),
        new JsonObject()), ServiceFailure.INVALID_REQUEST, "cursor", "cursor: not a cursor of this listing");
    assertRefused(directory.adminRefused(AdminContract.LIST_USERS, PLATFORM, org("acme").put("search", "x".repeat(101)),
        new JsonObject()), ServiceFailure.INVALID_REQUEST, "search", "search: at most 100 characters");
    assertRefused(directory.adminRefused(AdminContract.LIST_USERS, PLATFORM, org("acme").put("status", "asleep"),
        new JsonObject()), ServiceFailure.INVALID_REQUEST, "status", "status: must be active or disabled");
    assertRefused(directory.adminRefused(AdminContract.CREATE_USER, PLATFORM, org("nowhere"),
        new JsonObject().put("email", "g@nowhere.com")), ServiceFailure.NOT_FOUND, "org", "org: no org nowhere");
  }

  @Test
  void aTakenEmailIsAConflictOnTheEmail() {
    create("beta", "{\"email\": \"ann@acme.com\"}");

    ServiceException refused = directory.adminRefused(AdminContract.CREATE_USER, PLATFORM, org("acme"),
        new JsonObject().put("email", "ANN@acme.com"));

    assertRefused(refused, ServiceFailure.CONFLICT, "email", "email: already registered");
  }

  @Test
  void listingPagesByEmailAndSearchesEmailAndName() {
    create("acme", "{\"email\": \"carol@acme.com\", \"name\": \"Carol Jones\"}");
    create("acme", "{\"email\": \"ann@acme.com\", \"name\": \"Ann\"}");
    create("acme", "{\"email\": \"bob@acme.com\", \"name\": \"Bob Jones\"}");
    create("beta", "{\"email\": \"dan@beta.com\", \"name\": \"Dan Jones\"}");

    JsonObject first = directory.adminOk(AdminContract.LIST_USERS, PLATFORM, org("acme").put("limit", "2"),
        new JsonObject());
    JsonObject second = directory.adminOk(AdminContract.LIST_USERS, PLATFORM,
        org("acme").put("limit", "2").put("cursor", first.getString("next")), new JsonObject());
    JsonObject jones = directory.adminOk(AdminContract.LIST_USERS, PLATFORM, org("acme").put("search", "JONES"),
        new JsonObject());

    assertThat(emails(first)).containsExactly("ann@acme.com", "bob@acme.com");
    assertThat(emails(second)).containsExactly("carol@acme.com");
    assertThat(second.getValue("next")).isNull();
    assertThat(emails(jones)).containsExactly("bob@acme.com", "carol@acme.com");
  }

  @Test
  void disablingAUserRevokesTheirKeysRecordsItAndEndsTheirSessions() {
    String ann = create("acme", "{\"email\": \"ann@acme.com\"}");
    Await.result(directory.edge(DirectoryContract.CREATE_API_KEY, new JsonObject().put("userId", ann).put("org", "acme")
        .put("body", new JsonObject().put("name", "ci"))));
    var notices = directory.notices(DirectoryContract.USER_CHANGED, 1);

    JsonObject updated = directory.adminOk(AdminContract.UPDATE_USER, ACME_ADMIN, user("acme", ann),
        new JsonObject().put("email", "ann@acme.com").put("status", "disabled"));

    assertThat(updated.getString("status")).isEqualTo("disabled");
    assertThat(Await.result(notices)).containsExactly(new JsonObject().put("userId", ann));
    JsonObject revoked = directory.auditEvents("api_key.revoked").get(0);
    assertThat(revoked.getJsonObject("details").getString("reason")).isEqualTo("user_disabled");
    JsonObject details = directory.auditEvents("admin.user.updated").get(0).getJsonObject("details");
    assertThat(details.getJsonObject("before").getString("status")).isEqualTo("active");
    assertThat(details.getJsonObject("after").getInteger("revokedApiKeys")).isEqualTo(1);
    assertThat(directory.count("select count(*) from directory.api_keys where revoked_at is null")).isZero();
  }

  @Test
  void renamingAUserEndsNoSessionWhileDeletingOneDoes() {
    String ann = create("acme", "{\"email\": \"ann@acme.com\", \"name\": \"Ann\"}");
    String bob = create("acme", "{\"email\": \"bob@acme.com\"}");
    var notices = directory.notices(DirectoryContract.USER_CHANGED, 1);

    directory.adminOk(AdminContract.UPDATE_USER, ACME_ADMIN, user("acme", ann),
        new JsonObject().put("email", "ann@acme.com").put("name", "Ann Smith"));
    directory.adminOk(AdminContract.DELETE_USER, ACME_ADMIN, user("acme", bob), new JsonObject());

    // Notices of one publisher arrive in order: a notice of the rename would have come first.
    assertThat(Await.result(notices)).containsExactly(new JsonObject().put("userId", bob));
    assertThat(directory.auditEvents("admin.user.deleted").get(0).getJsonObject("details").getJsonObject("before")
        .getString("email")).isEqualTo("bob@acme.com");
    assertThat(directory.count("select count(*) from directory.users")).isEqualTo(1);
  }

  @Test
  void onlyAPlatformAdminMovesAUserAndBothOrgsRecordIt() {
    String ann = create("acme", "{\"email\": \"ann@acme.com\"}");

    assertRefused(directory.adminRefused(AdminContract.MOVE_USER, ACME_ADMIN, user("acme", ann),
        new JsonObject().put("org", "beta")), ServiceFailure.FORBIDDEN, null,
        "only a platform admin moves users between orgs");
    assertRefused(directory.adminRefused(AdminContract.MOVE_USER, PLATFORM, user("acme", ann),
        new JsonObject().put("org", "acme")), ServiceFailure.CONFLICT, "org", "org: the user is already in org acme");
    assertRefused(directory.adminRefused(AdminContract.MOVE_USER, PLATFORM, user("acme", ann),
        new JsonObject().put("org", "nowhere")), ServiceFailure.NOT_FOUND, "org", "org: no org nowhere");
    var notices = directory.notices(DirectoryContract.USER_CHANGED, 1);

    JsonObject moved = directory.adminOk(AdminContract.MOVE_USER, PLATFORM, user("acme", ann),
        new JsonObject().put("org", "beta"));

    assertThat(moved.getString("org")).isEqualTo("beta");
    assertThat(directory.auditEvents("admin.user.moved")).extracting(event -> event.getString("org"))
        .containsExactly("acme", "beta");
    assertThat(Await.result(notices)).containsExactly(new JsonObject().put("userId", ann));
  }

  @Test
  void deletingAnOrgsUsersIsForPlatformAdminsAndLeavesOtherOrgs() {
    create("acme", "{\"email\": \"ann@acme.com\"}");
    create("acme", "{\"email\": \"bob@acme.com\"}");
    create("beta", "{\"email\": \"carol@beta.com\"}");

    assertRefused(directory.adminRefused(AdminContract.DELETE_ORG_USERS, ACME_ADMIN, org("acme"), new JsonObject()),
        ServiceFailure.FORBIDDEN, null, "only a platform admin deletes an org's users");
    JsonObject deleted = directory.adminOk(AdminContract.DELETE_ORG_USERS, PLATFORM, org("acme"), new JsonObject());

    assertThat(deleted.getInteger("deleted")).isEqualTo(2);
    assertThat(directory.count("select count(*) from directory.users where org_slug = 'beta'")).isEqualTo(1);
    assertThat(directory.auditEvents("admin.user.deleted")).hasSize(2);
  }

  static void assertRefused(ServiceException refused, ServiceFailure failure, String field, String message) {
    assertThat(refused.failure()).isEqualTo(failure);
    assertThat(refused.field()).isEqualTo(Optional.ofNullable(field));
    assertThat(refused.getMessage()).isEqualTo(message);
  }

  private static List<String> emails(JsonObject page) {
    return page.getJsonArray("users").stream().map(user -> ((JsonObject) user).getString("email")).toList();
  }
}
