package io.ssobroker.edge.internal.connector;

import io.ssobroker.platform.EmailAddress;
import java.util.Optional;

/**
 * Who the IdP says the user is, normalized whatever the protocol: its subject (OIDC {@code sub}, SAML NameID), the
 * email that the directory is asked about, and a display name when the IdP sent one.
 */
public record Identity(String subject, EmailAddress email, Optional<String> name) {}
