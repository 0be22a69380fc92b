-- Server-side sessions. Only a SHA-256 hash of the cookie value is stored, never the value itself.
create table edge.sessions (
  id_hash          bytea primary key,
  user_id          uuid not null,
  email            text not null,
  name             text not null,
  org_slug         text not null,
  connector_id     uuid not null,
  connector_kind   text not null,
  authenticated_at timestamptz not null,
  expires_at       timestamptz not null
);

create index sessions_user on edge.sessions (user_id);
create index sessions_expires on edge.sessions (expires_at);

-- Login states already used, so that a state is single-use across every edge instance.
create table edge.consumed_states (
  state_id   uuid primary key,
  expires_at timestamptz not null
);

create index consumed_states_expires on edge.consumed_states (expires_at);
