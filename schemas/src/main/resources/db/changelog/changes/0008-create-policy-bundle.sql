--liquibase formatted sql

--changeset drydock:0008-create-policy-bundle
-- Anchore policy bundles per account; exactly one may be active.
create table policy_bundle (
    account        text        not null references account (name) on delete cascade,
    policy_id      text        not null,
    name           text,
    description    text,
    active         boolean     not null default false,
    policy_source  text        not null default 'local',
    bundle         jsonb       not null,
    bundle_digest  text        not null,
    created_at     timestamptz not null,
    last_updated   timestamptz not null,
    primary key (account, policy_id)
);
create unique index policy_bundle_one_active_per_account on policy_bundle (account) where active;
