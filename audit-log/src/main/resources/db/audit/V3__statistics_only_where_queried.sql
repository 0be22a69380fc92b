-- Queries filter on org, type, category and time only. Statistics on the other columns, the payload above all, would
-- only cost ANALYZE time, which autovacuum spends each time the table grows by a tenth: reading and sorting 30,000
-- sampled values per column, in bursts that compete with logins for the CPU.
alter table audit.events
  alter column reason set statistics 0,
  alter column connector_id set statistics 0,
  alter column connector_kind set statistics 0,
  alter column email set statistics 0,
  alter column user_id set statistics 0,
  alter column subject set statistics 0,
  alter column correlation_id set statistics 0,
  alter column payload set statistics 0,
  alter column stored_at set statistics 0;
