--liquibase formatted sql

--changeset drydock:0013-create-event-log
-- The append-only events log behind GET /v1/events; system events are stored under the admin account.
create table event_log (
    id              uuid primary key,
    account         text        not null,
    type            text        not null,
    level           text        not null check (level in ('info', 'error')),
    message         text,
    details         jsonb       not null default '{}'::jsonb,
    resource_type   text,
    resource_id     text,
    source_service  text        not null,
    source_host     text        not null,
    created_at      timestamptz not null
);
create index event_log_account_time_idx on event_log (account, created_at desc);
