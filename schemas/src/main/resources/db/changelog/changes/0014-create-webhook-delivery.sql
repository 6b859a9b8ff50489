--liquibase formatted sql

--changeset drydock:0014-create-webhook-delivery
-- Webhook deliveries and their attempts; unique per (notification, url) so a redelivered event posts once.
create table webhook_delivery (
    id                 uuid primary key,
    account            text        not null,
    notification_id    uuid        not null,
    notification_type  text        not null,
    subscription_key   text,
    url                text        not null,
    payload            text        not null,
    state              text        not null check (state in ('pending', 'delivered', 'failed')),
    attempts           integer     not null default 0,
    last_status        integer,
    last_error         text,
    next_attempt_at    timestamptz not null,
    deliver_until      timestamptz not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    unique (notification_id, url)
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where state = 'pending';
