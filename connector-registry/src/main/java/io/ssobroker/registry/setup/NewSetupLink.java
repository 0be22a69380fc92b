package io.ssobroker.registry.setup;

import java.time.Instant;
import java.util.UUID;

/** A setup link about to be stored: the hash of its secret only. */
public record NewSetupLink(UUID id, String org, String name, byte[] linkHash, String createdBy, Instant createdAt,
    Instant expiresAt) {}
