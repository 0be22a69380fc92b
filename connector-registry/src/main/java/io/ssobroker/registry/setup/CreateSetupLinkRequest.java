package io.ssobroker.registry.setup;

import java.time.Duration;
import java.util.Optional;

/** {@code POST /admin/v1/orgs/{org}/setup-links}: a name (else one made from the org's) and how long the link lives. */
public record CreateSetupLinkRequest(Optional<String> name, Duration lifetime) {}
