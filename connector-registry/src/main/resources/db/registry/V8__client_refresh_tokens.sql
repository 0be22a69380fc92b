-- Refresh tokens per client (issue 18): on unless turned off; never longer-lived than the broker session they belong to.
alter table registry.clients
  add column refresh_tokens boolean not null default true,
  add column refresh_token_lifetime_seconds integer not null default 28800;
