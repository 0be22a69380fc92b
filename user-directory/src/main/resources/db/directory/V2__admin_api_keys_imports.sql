-- Keyset paging and search of an org's users go through (org_slug, email).
drop index directory.users_org;
create index users_org_email on directory.users (org_slug, email);

-- API keys of SSO users. Only a SHA-256 hash of a key is stored; the key itself is shown once, at creation.
create table directory.api_keys (
  id             uuid primary key,
  user_id        uuid not null references directory.users (id) on delete cascade,
  name           text not null,
  key_hash       bytea not null unique,
  hint           text not null,
  created_at     timestamptz not null default now(),
  expires_at     timestamptz,
  revoked_at     timestamptz,
  revoked_reason text
);

create index api_keys_user on directory.api_keys (user_id);

-- Bulk imports in progress: rows are staged here chunk by chunk, then applied in one transaction.
-- Unlogged: a crash loses only imports that had not been applied, whose clients saw the request fail.
create unlogged table directory.imports (
  id         uuid primary key,
  org_slug   text not null,
  created_at timestamptz not null default now()
);

create unlogged table directory.import_rows (
  import_id uuid not null references directory.imports (id) on delete cascade,
  email     text not null,
  line      bigint not null,
  name      text not null,
  status    text not null,
  primary key (import_id, email)
);

-- admin.* and api_key.* audit events, written in the transaction of the change; a relay delivers them to Kafka.
create table directory.audit_outbox (
  seq        bigserial primary key,
  id         uuid not null,
  org        text not null default '',
  payload    jsonb not null,
  created_at timestamptz not null default now()
);
