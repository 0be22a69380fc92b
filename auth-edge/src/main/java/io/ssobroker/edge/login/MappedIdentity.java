package io.ssobroker.edge.login;

import io.ssobroker.platform.EmailAddress;
import java.util.Optional;

/** Who the IdP says the user is, after claim mapping: the email the directory is asked about, a name, the subject. */
public record MappedIdentity(EmailAddress email, Optional<String> name, String subject) {}
