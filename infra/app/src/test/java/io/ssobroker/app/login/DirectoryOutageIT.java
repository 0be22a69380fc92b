package io.ssobroker.app.login;

import static io.ssobroker.platform.audit.LoginFailureCategory.SESSION_CREATION_FAILED;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HOSTILE.md: a directory that does not answer is an error, never a login. */
class DirectoryOutageIT {

  @TempDir
  static Path work;

  private static final LoginTestEnvironment environment = new LoginTestEnvironment();

  @BeforeAll
  static void start() throws Exception {
    var idp = environment.idp("/nodirectory").client("acme-app", "acme-secret")
        .user("alice-sub", Map.of("email", "alice@acme.com"));
    environment.startBroker(work, """
        {"acme": [{"kind": "oidc", "domains": ["acme.com"],
                   "parameters": {"discoveryEndpoint": "%s", "clientId": "acme-app", "clientSecret": "acme-secret"}}]}
        """.formatted(idp.discoveryUrl()), "", Map.of(),
        "--services", "auth-edge,connector-registry,audit-log", "--event-bus-timeout", "PT1S");
  }

  @AfterAll
  static void stop() {
    environment.close();
  }

  @Test
  void aDirectoryThatDoesNotAnswerFailsTheLoginWithoutASession() throws Exception {
    OidcLoginHarness logins = environment.logins();

    logins.rejectedCallback(logins.begin("alice@acme.com"), SESSION_CREATION_FAILED, "directory_unavailable");
  }
}
