-- The audit store: events consumed from the audit topic, deduplicated by id, for GET /admin/v1/audit.
create table audit.events (
  id             uuid primary key,
  time           timestamptz not null,
  type           text not null,
  category       text,
  reason         text,
  org_slug       text,
  connector_id   text,
  connector_kind text,
  email          text,
  payload        jsonb not null,
  stored_at      timestamptz not null default now()
);

create index events_org_time on audit.events (org_slug, time desc);
create index events_time on audit.events (time desc);
