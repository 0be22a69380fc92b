-- Product clients of the broker's OpenID Provider (issue 17). A confidential client's secret is stored as its SHA-256
-- only: it is 256 random bits made by the broker (or at least 32 characters from the clients file).
create table registry.clients (
  client_id text primary key,
  name text not null,
  client_type text not null check (client_type in ('confidential', 'public')),
  secret_hash bytea,
  redirect_uris text[] not null,
  post_logout_redirect_uris text[] not null default '{}',
  backchannel_logout_uri text,
  allowed_orgs text[] not null default '{}',
  id_token_lifetime_seconds integer not null,
  access_token_lifetime_seconds integer not null,
  access_token_audience text,
  id_token_signing_alg text not null default 'ES256',
  source text not null default 'api' check (source in ('api', 'file', 'broker')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((client_type = 'confidential') = (secret_hash is not null))
);
