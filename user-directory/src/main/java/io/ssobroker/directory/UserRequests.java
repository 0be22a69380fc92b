package io.ssobroker.directory;

import io.ssobroker.directory.imports.UserRecord;
import io.ssobroker.platform.admin.AdminActor;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The users admin API's requests as {@link UserHandlers} reads them, checked, and the answers of {@link UserService}. */
final class UserRequests {

  private UserRequests() {}

  /** A user of {@code org}, by an id that may name no user at all. */
  record UserRef(AdminActor actor, String org, Optional<UUID> id) {}

  record NewUser(AdminActor actor, String org, UserRecord fields, String role) {}

  /** New email, name and status; the role only when given. */
  record UserChange(UserRef user, UserRecord fields, Optional<String> role) {}

  record UserMove(UserRef user, String targetOrg) {}

  record UserListing(AdminActor actor, UserQuery query) {}

  /** A page of users, and whether more follow the last of them. */
  record UserPage(List<UserAccount> users, boolean more) {}
}
