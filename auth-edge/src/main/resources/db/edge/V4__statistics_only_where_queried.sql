-- Sessions are only ever looked up by cookie hash (unique), user or expiry. Statistics on the other columns would
-- only cost ANALYZE time, which autovacuum spends each time the table grows by a tenth: sorting 30,000 sampled text
-- values per column, in bursts that compete with logins for the CPU.
alter table edge.sessions
  alter column id_hash set statistics 0,
  alter column email set statistics 0,
  alter column name set statistics 0,
  alter column org_slug set statistics 0,
  alter column connector_id set statistics 0,
  alter column connector_kind set statistics 0,
  alter column authenticated_at set statistics 0;
