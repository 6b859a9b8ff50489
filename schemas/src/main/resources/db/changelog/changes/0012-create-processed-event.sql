--liquibase formatted sql

--changeset drydock:0012-create-processed-event
-- The ledger that makes side-effecting consumers idempotent: one row per (consumer, event) handled.
create table processed_event (
    consumer      text        not null,
    event_id      uuid        not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index processed_event_age_idx on processed_event (processed_at);
