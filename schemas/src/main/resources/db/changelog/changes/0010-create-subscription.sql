--liquibase formatted sql

--changeset drydock:0010-create-subscription
-- Subscriptions per account; subscription_id is md5("<account>+<key>+<type>") as Anchore computes it.
create table subscription (
    account             text        not null references account (name) on delete cascade,
    subscription_id     text        not null,
    subscription_key    text        not null,
    subscription_type   text        not null check (subscription_type in ('tag_update', 'policy_eval', 'vuln_update', 'analysis_update', 'repo_update')),
    subscription_value  text,
    active              boolean     not null,
    created_at          timestamptz not null,
    last_updated        timestamptz not null,
    primary key (account, subscription_id),
    unique (account, subscription_key, subscription_type)
);
