package io.ssobroker.directory.imports;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.OrgSlug;
import io.ssobroker.platform.directory.UserStatus;
import java.util.Set;

/** The rules of a user's fields, the same for the users file, the admin API and bulk imports. */
public final class UserRows {

  public static final Set<String> FIELDS = Set.of("email", "name", "org", "status");
  static final int MAX_NAME_LENGTH = 200;

  private UserRows() {}

  /** A user from raw field values ({@code null} when absent); the status defaults to active, the name to empty. */
  public static UserRecord check(String rawEmail, String name, String org, String rawStatus) {
    return new UserRecord(email(rawEmail), name(name), org(org), status(rawStatus));
  }

  public static EmailAddress email(String raw) {
    return EmailAddress.parse(raw)
        .orElseThrow(() -> new RowProblem("email", raw == null ? "required" : "not an email address"));
  }

  public static String name(String raw) {
    String name = raw == null ? "" : raw.strip();
    if (name.length() > MAX_NAME_LENGTH) {
      throw new RowProblem("name", "at most " + MAX_NAME_LENGTH + " characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new RowProblem("name", "must not contain control characters");
    }
    return name;
  }

  public static String org(String org) {
    if (!OrgSlug.isValid(org)) {
      throw new RowProblem("org", org == null ? "required" : OrgSlug.describeRule());
    }
    return org;
  }

  public static UserStatus status(String raw) {
    return raw == null ? UserStatus.ACTIVE : UserStatus.parse(raw.strip())
        .orElseThrow(() -> new RowProblem("status", "must be active or disabled"));
  }
}
