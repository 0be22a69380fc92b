-- Which expiry thresholds were already announced for which secret (a new expiry date starts over).
create table registry.expiry_notices (
  connector_id   uuid not null references registry.connectors (id) on delete cascade,
  expires_on     date not null,
  threshold_days int not null,
  sent_at        timestamptz not null default now(),
  primary key (connector_id, expires_on, threshold_days)
);
