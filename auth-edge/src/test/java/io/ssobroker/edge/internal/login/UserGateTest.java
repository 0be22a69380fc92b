package io.ssobroker.edge.internal.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.session.RecentDirectory;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.ClaimMapping;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.directory.DirectoryContract;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.directory.UserByEmailRequest;
import io.ssobroker.platform.directory.UserStatus;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.MovableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may sign in through a connector: its email pattern, its verified domains, and an active directory user of its own
 * org. The directory is a bus endpoint over a map.
 */
class UserGateTest {

  private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();
  private Vertx vertx;
  private UserGate gate;
  private boolean directoryDown;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    BusEndpoint.serve(vertx, DirectoryContract.USER_BY_EMAIL, request -> {
      if (directoryDown) {
        return Future.failedFuture(new IllegalStateException("database down"));
      }
      DirectoryUser user = users.get(UserByEmailRequest.fromJson(request).email().value());
      return user == null ? Future.failedFuture(ServiceException.notFound("email: no such user"))
          : Future.succeededFuture(user.toJson());
    });
    gate = new UserGate(new RecentDirectory(new DirectoryClient(new BusRequester(vertx, Duration.ofSeconds(2))),
        new MovableClock(Instant.parse("2026-12-01T10:00:00Z"))));
    user("alice@acme.com", "acme", UserStatus.ACTIVE);
    user("dis@acme.com", "acme", UserStatus.DISABLED);
    user("moved@acme.com", "globex", UserStatus.ACTIVE);
    user("bob.smith@acme.com", "acme", UserStatus.ACTIVE);
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  private void user(String email, String org, UserStatus status) {
    users.put(email, new DirectoryUser(UUID.randomUUID(), email, email, org, status));
  }

  private static ConnectorDescriptor connector(String emailPattern, String... verifiedDomains) {
    return new ConnectorDescriptor(UUID.randomUUID(), "acme", ConnectorKind.OIDC, "SSO", ConnectorState.ACTIVE,
        List.of(verifiedDomains), emailPattern, ClaimMapping.DEFAULT, new JsonObject(), Optional.empty(), List.of());
  }

  private LoginReason refusal(String email, ConnectorDescriptor connector) {
    Throwable failure = Await.failure(gate.admit(EmailAddress.parse(email).orElseThrow(), connector));
    assertThat(failure).isInstanceOf(LoginFailure.class);
    return ((LoginFailure) failure).reason();
  }

  @Test
  void anActiveUserOfTheConnectorsOrgInOneOfItsDomainsIsAdmitted() {
    DirectoryUser admitted = Await.result(gate.admit(EmailAddress.parse("Alice@Acme.com").orElseThrow(),
        connector(".*", "acme.com")));
    assertThat(admitted.email()).isEqualTo("alice@acme.com");
  }

  @Test
  void anEmailOutsideThePatternOrTheVerifiedDomainsIsRefusedBeforeTheDirectoryIsAsked() {
    directoryDown = true;
    assertThat(refusal("bob.smith@acme.com", connector("[a-z]+@acme\\.com", "acme.com")))
        .isEqualTo(LoginReason.EMAIL_PATTERN_MISMATCH);
    assertThat(refusal("alice@acme.com", connector(".*", "acme.fr"))).isEqualTo(LoginReason.DOMAIN_NOT_ALLOWED);
    assertThat(refusal("alice@acme.com", connector(".*"))).as("no verified domain").isEqualTo(LoginReason.DOMAIN_NOT_ALLOWED);
  }

  @Test
  void theDirectoryDecidesWhoTheEmailIs() {
    assertThat(refusal("nobody@acme.com", connector(".*", "acme.com"))).isEqualTo(LoginReason.UNKNOWN_USER);
    assertThat(refusal("moved@acme.com", connector(".*", "acme.com"))).isEqualTo(LoginReason.ORG_MISMATCH);
    assertThat(refusal("dis@acme.com", connector(".*", "acme.com"))).isEqualTo(LoginReason.USER_DISABLED);
  }

  @Test
  void aDirectoryThatDoesNotAnswerIsNeverALogin() {
    directoryDown = true;
    assertThat(refusal("alice@acme.com", connector(".*", "acme.com"))).isEqualTo(LoginReason.DIRECTORY_UNAVAILABLE);
  }
}
