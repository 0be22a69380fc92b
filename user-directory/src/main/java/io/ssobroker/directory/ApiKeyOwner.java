package io.ssobroker.directory;

import java.util.UUID;

/** The user an API key belongs to, as the audit event names them. */
record ApiKeyOwner(UUID userId, String email, String org) {}
