-- The keyset that seals login states (Tink AEAD, AES-256-GCM), shared by every edge instance. One row.
create table edge.state_keyset (
  id         int primary key check (id = 1),
  keyset     text not null,
  rotated_at timestamptz not null
);

-- Audit events written in the same transaction as the change that produced them; a relay delivers them to Kafka.
create table edge.audit_outbox (
  seq        bigserial primary key,
  id         uuid not null,
  org        text not null default '',
  payload    jsonb not null,
  created_at timestamptz not null default now()
);
