-- Filters of GET /admin/v1/audit and newest-first keyset paging on (time, id); OCSF rendering still owed.
alter table audit.events
  add column user_id        text,
  add column subject        text,
  add column correlation_id text,
  add column ocsf_pending   boolean not null default false;

drop index audit.events_org_time;
drop index audit.events_time;

create index events_time_id on audit.events (time desc, id desc);
create index events_org_time_id on audit.events (org_slug, time desc, id desc);
create index events_type_time_id on audit.events (type, time desc, id desc);
create index events_ocsf_pending on audit.events (id) where ocsf_pending;
