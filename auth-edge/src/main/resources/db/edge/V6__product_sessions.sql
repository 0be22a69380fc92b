-- Product sessions that end together (issue 18).

-- Which products received tokens in a broker session: who is told, by back-channel logout, when it ends.
create table edge.session_clients (
  sid         uuid not null,
  client_id   text not null,
  user_id     uuid not null,
  first_token timestamptz not null default now(),
  primary key (sid, client_id)
);

-- Refresh tokens (SHA-256 only). One family per code redemption: each use rotates the token to the next of its family;
-- a token presented after its rotation (a replay) revokes the family. A family never outlives its broker session.
create table edge.refresh_tokens (
  token_hash     bytea primary key,
  family_id      uuid not null,
  client_id      text not null,
  sid            uuid not null,
  user_id        uuid not null,
  org_slug       text not null,
  email          text not null,
  name           text not null,
  connector_kind text not null,
  scope          text not null,
  auth_time      timestamptz not null,
  expires_at     timestamptz not null,
  created_at     timestamptz not null default now(),
  rotated_at     timestamptz,
  revoked_at     timestamptz
);
create index refresh_tokens_family on edge.refresh_tokens (family_id);
create index refresh_tokens_expires on edge.refresh_tokens (expires_at);

-- The access tokens of a refresh family, so that a replayed refresh token revokes them too.
alter table edge.issued_tokens add column family_id uuid;
create index issued_tokens_family on edge.issued_tokens (family_id) where family_id is not null;

-- Only what is looked up is indexed: every refresh writes an access token's row, so each index costs it. No statement
-- finds access tokens by session (they are checked by joining their session), and only tokens issued for a code are
-- found by its hash (a replayed code).
drop index edge.issued_tokens_sid;
drop index edge.issued_tokens_code;
create index issued_tokens_code on edge.issued_tokens (code_hash) where code_hash is not null;

-- Back-channel logouts still to deliver: one per ended session and client (the key makes it at most one), written in
-- the transaction that ends the session, retried with backoff until the product answers or a day has passed.
create table edge.backchannel_logouts (
  sid             uuid not null,
  client_id       text not null,
  user_id         uuid not null,
  trigger         text not null,
  created_at      timestamptz not null,
  next_attempt_at timestamptz not null,
  attempts        integer not null default 0,
  last_error      text,
  primary key (sid, client_id)
);
create index backchannel_logouts_due on edge.backchannel_logouts (next_attempt_at);

-- The admin API lists an org's sessions.
create index sessions_org on edge.sessions (org_slug, user_id);
alter table edge.sessions alter column org_slug set statistics -1;

alter table edge.refresh_tokens
  alter column client_id set statistics 0, alter column org_slug set statistics 0, alter column email set statistics 0,
  alter column name set statistics 0, alter column connector_kind set statistics 0, alter column scope set statistics 0;
