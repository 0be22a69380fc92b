-- Setup links (issue 20): one org's connector and domain setup, handed to the customer's IT admin. Only hashes are
-- kept: of the link's secret, and of the console session that opened it (which then authenticates as the link).
create table registry.setup_links (
  id           uuid primary key,
  org_slug     text not null references registry.orgs (slug) on delete cascade,
  name         text not null,
  link_hash    bytea not null unique,
  session_hash bytea unique,
  created_by   text not null,
  created_at   timestamptz not null,
  expires_at   timestamptz not null,
  used_at      timestamptz,
  revoked_at   timestamptz,
  check ((used_at is null) = (session_hash is null))
);

create index setup_links_org on registry.setup_links (org_slug);
