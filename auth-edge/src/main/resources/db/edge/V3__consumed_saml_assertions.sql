-- SAML assertions already used, so that an assertion is single-use across every edge instance (SAML Profiles
-- 4.1.4.5). Keyed by a SHA-256 of the IdP entity id and the assertion ID, so the key has a fixed size whatever the
-- IdP sends. A row is kept until the assertion could no longer be accepted anyway (its NotOnOrAfter plus the skew).
create table edge.consumed_saml_assertions (
  key_hash   bytea primary key,
  expires_at timestamptz not null
);

create index consumed_saml_assertions_expires on edge.consumed_saml_assertions (expires_at);
