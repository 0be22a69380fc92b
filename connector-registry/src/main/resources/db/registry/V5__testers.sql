-- The emails that may try a connector in the testing state (through /test-app only).
alter table registry.connectors add column testers text[] not null default '{}';
