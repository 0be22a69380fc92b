package io.ssobroker.audit.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One page of the audit store, newest first. Every filter is optional; {@code typePrefix} matches types that start
 * with it ({@code admin.} for {@code admin.*}); {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditQuery(
    Optional<String> org,
    Optional<String> type,
    Optional<String> typePrefix,
    Optional<String> category,
    Optional<Instant> from,
    Optional<Instant> to,
    int limit,
    Optional<PageCursor> after) {}
