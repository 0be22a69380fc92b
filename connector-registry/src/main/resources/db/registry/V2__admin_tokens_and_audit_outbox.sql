-- Bearer tokens of the admin API. org_slug null: a platform-admin token. Only a SHA-256 hash of a token is stored.
create table registry.admin_tokens (
  id         uuid primary key,
  org_slug   text references registry.orgs (slug) on delete cascade,
  name       text not null,
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create index admin_tokens_org on registry.admin_tokens (org_slug);

-- admin.* audit events, written in the transaction of the change; a relay delivers them to Kafka.
create table registry.audit_outbox (
  seq        bigserial primary key,
  id         uuid not null,
  org        text not null default '',
  payload    jsonb not null,
  created_at timestamptz not null default now()
);
