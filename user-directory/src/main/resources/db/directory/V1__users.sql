create table directory.users (
  id         uuid primary key,
  email      text not null check (email = lower(email)),
  name       text not null default '',
  org_slug   text not null,
  status     text not null check (status in ('active', 'disabled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Emails are stored normalized (trimmed, lower case), so uniqueness is case-insensitive.
create unique index users_email on directory.users (email);
create index users_org on directory.users (org_slug);
