package io.ssobroker.edge.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.internal.session.SessionEndings.CurrentUser;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which change of a user ended a session is named from what the directory says of the user now. */
class SessionEndTriggerTest {

  private static final Session SESSION = new Session(UUID.randomUUID(), UUID.randomUUID(), "a@acme.com", "A", "acme",
      UUID.randomUUID(), "oidc", Instant.EPOCH, Instant.EPOCH.plusSeconds(60));

  @Test
  void namesTheChange() {
    assertThat(SessionEndTrigger.forChange(SESSION, Optional.empty())).isEqualTo(SessionEndTrigger.USER_DELETED);
    assertThat(SessionEndTrigger.forChange(SESSION, Optional.of(new CurrentUser(false, "acme", "a@acme.com"))))
        .isEqualTo(SessionEndTrigger.USER_DISABLED);
    assertThat(SessionEndTrigger.forChange(SESSION, Optional.of(new CurrentUser(true, "globex", "a@acme.com"))))
        .isEqualTo(SessionEndTrigger.USER_MOVED);
    assertThat(SessionEndTrigger.forChange(SESSION, Optional.of(new CurrentUser(true, "acme", "b@acme.com"))))
        .isEqualTo(SessionEndTrigger.USER_EMAIL_CHANGED);
  }

  @Test
  void onlyTheUsersOwnSignOutIsALogoutEvent() {
    for (SessionEndTrigger trigger : SessionEndTrigger.values()) {
      assertThat(trigger.isUserLogout()).as("%s", trigger)
          .isEqualTo(trigger == SessionEndTrigger.LOGOUT || trigger == SessionEndTrigger.PRODUCT_LOGOUT);
    }
  }
}
