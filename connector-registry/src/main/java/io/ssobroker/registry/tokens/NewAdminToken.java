package io.ssobroker.registry.tokens;

import io.ssobroker.platform.admin.AdminScope;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A token about to be stored: its hash only, and its scopes (empty: every scope). */
public record NewAdminToken(UUID id, Optional<String> org, String name, byte[] tokenHash,
    Optional<Set<AdminScope>> scopes) {}
