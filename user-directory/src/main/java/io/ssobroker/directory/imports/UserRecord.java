package io.ssobroker.directory.imports;

import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.directory.UserStatus;

/** A user to insert or update, keyed by email. */
public record UserRecord(EmailAddress email, String name, String org, UserStatus status) {}
