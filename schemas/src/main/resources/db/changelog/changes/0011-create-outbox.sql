--liquibase formatted sql

--changeset drydock:0011-create-outbox
-- Transactional outbox: written in the same transaction as the state change it announces; the relay publishes in id
-- order and deletes.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    record_key  text        not null,
    event_id    uuid        not null,
    event_type  text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);
