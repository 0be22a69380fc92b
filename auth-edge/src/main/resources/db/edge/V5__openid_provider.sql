-- The broker as the products' OpenID Provider (issue 17).

-- Each session has the id that ID tokens (and later logout tokens) name as sid.
alter table edge.sessions add column sid uuid not null default gen_random_uuid();
create unique index sessions_sid on edge.sessions (sid);

-- The provider's signing keys: per algorithm one key that signs (current) and one published before it will (next);
-- a retired key stays published until its last token has expired. Private keys are sealed with secrets.keys.
create table edge.signing_keys (
  kid                text primary key,
  algorithm          text not null check (algorithm in ('ES256', 'RS256')),
  state              text not null check (state in ('next', 'current', 'retired')),
  public_jwk         jsonb not null,
  private_key_sealed bytea not null,
  sealing_key_id     text not null,
  created_at         timestamptz not null default now(),
  signing_since      timestamptz,
  published_until    timestamptz
);
create unique index signing_keys_one_next_and_current on edge.signing_keys (algorithm, state)
  where state in ('next', 'current');

-- Authorization codes: a SHA-256 of the code only; single use, short-lived, bound to the client, the redirect URI,
-- the PKCE challenge, the nonce and the broker session.
create table edge.authorization_codes (
  code_hash      bytea primary key,
  client_id      text not null,
  redirect_uri   text not null,
  scope          text not null,
  code_challenge text,
  nonce          text,
  sid            uuid not null,
  user_id        uuid not null,
  org_slug       text not null,
  email          text not null,
  name           text not null,
  connector_kind text not null,
  auth_time      timestamptz not null,
  expires_at     timestamptz not null,
  redeemed_at    timestamptz,
  replayed_at    timestamptz
);
create index authorization_codes_expires on edge.authorization_codes (expires_at);

-- The tokens issued to products (their ids, never the tokens): what userinfo checks, what a replayed code revokes.
create table edge.issued_tokens (
  jti        uuid primary key,
  client_id  text not null,
  user_id    uuid not null,
  sid        uuid not null,
  code_hash  bytea,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index issued_tokens_code on edge.issued_tokens (code_hash);
create index issued_tokens_sid on edge.issued_tokens (sid);
create index issued_tokens_expires on edge.issued_tokens (expires_at);

-- As for sessions (V4): statistics only on the columns that queries look rows up by.
alter table edge.authorization_codes
  alter column client_id set statistics 0, alter column redirect_uri set statistics 0,
  alter column scope set statistics 0, alter column code_challenge set statistics 0, alter column nonce set statistics 0,
  alter column email set statistics 0, alter column name set statistics 0, alter column org_slug set statistics 0,
  alter column connector_kind set statistics 0;
