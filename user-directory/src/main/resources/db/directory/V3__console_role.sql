-- A user with the admin role signs in to the console through the broker and manages their own org (issue 20).
alter table directory.users add column role text not null default 'member' check (role in ('member', 'admin'));
