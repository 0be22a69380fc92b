-- When a SAML connector's IdP signing certificates expire (the latest of them): from the connector's certificate or
-- inline metadata when it is saved, or reported by the edge after it fetched a metadata URL. Null for OIDC.
alter table registry.connectors add column certificate_expires_at date;
