--liquibase formatted sql

--changeset drydock:0002-create-app-user
-- A user belongs to exactly one account; passwords are stored as bcrypt hashes only.
create table app_user (
    username      text primary key,
    account       text        not null references account (name) on delete cascade,
    password_hash text        not null,
    type          text        not null default 'native' check (type in ('native', 'internal', 'external')),
    source        text,
    created_at    timestamptz not null default now(),
    last_updated  timestamptz not null default now()
);
create index app_user_account_idx on app_user (account);
