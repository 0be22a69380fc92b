package io.ssobroker.directory;

import io.ssobroker.platform.directory.UserStatus;
import java.util.Optional;

/**
 * A page of an org's users by email: those after {@code afterEmail} whose email or name contains {@code search} (any
 * case) and whose status is {@code status}, when given.
 */
record UserQuery(String org, Optional<String> search, Optional<UserStatus> status, String afterEmail, int limit) {}
