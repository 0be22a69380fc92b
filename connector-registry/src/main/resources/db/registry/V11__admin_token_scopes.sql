-- Scoped admin tokens (issue 21): the scopes a token was given, by name (AdminScope). Null for every scope: every
-- token made before scopes existed, and the platform token generated at first start, keep full rights.
alter table registry.admin_tokens add column scopes text[];
