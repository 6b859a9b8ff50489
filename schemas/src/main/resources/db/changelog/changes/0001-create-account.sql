--liquibase formatted sql

--changeset drydock:0001-create-account
-- Accounts own every tenant resource; admin and service accounts act across accounts.
create table account (
    name         text primary key,
    type         text        not null check (type in ('user', 'admin', 'service')),
    state        text        not null default 'enabled' check (state in ('enabled', 'disabled', 'deleting')),
    email        text,
    created_at   timestamptz not null default now(),
    last_updated timestamptz not null default now()
);
