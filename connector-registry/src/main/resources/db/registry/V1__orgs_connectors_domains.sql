create table registry.orgs (
  slug                   text primary key,
  name                   text not null,
  landing_url            text,
  allowed_return_origins text[] not null default '{}',
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now()
);

create table registry.connectors (
  id                       uuid primary key,
  org_slug                 text not null references registry.orgs (slug) on delete cascade,
  kind                     text not null check (kind in ('azure', 'google', 'okta', 'oidc', 'saml')),
  display_name             text not null,
  state                    text not null check (state in ('draft', 'testing', 'scheduled', 'active', 'retired')),
  source                   text not null check (source in ('file', 'api')),
  email_pattern            text not null default '.*',
  parameters               jsonb not null default '{}',
  claim_mapping            jsonb not null default '{}',
  client_secret_sealed     bytea,
  client_secret_expires_at date,
  activate_at              timestamptz,
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now()
);

create index connectors_org on registry.connectors (org_slug);

-- A domain belongs to one org at most; only verified domains route logins.
create table registry.domains (
  domain             text primary key check (domain = lower(domain)),
  org_slug           text not null references registry.orgs (slug) on delete cascade,
  verification_token text not null,
  verified_at        timestamptz,
  source             text not null check (source in ('file', 'api')),
  created_at         timestamptz not null default now()
);

create table registry.connector_domains (
  connector_id uuid not null references registry.connectors (id) on delete cascade,
  domain       text not null check (domain = lower(domain)),
  primary key (connector_id, domain)
);

create index connector_domains_domain on registry.connector_domains (domain);
