-- Which key-encryption key wrapped a connector's secret, so that keys can rotate.
alter table registry.connectors add column client_secret_key_id text;
