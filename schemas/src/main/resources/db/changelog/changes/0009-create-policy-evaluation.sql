--liquibase formatted sql

--changeset drydock:0009-create-policy-evaluation
-- Evaluations keyed by (account, digest, tag, bundle digest); a new row only when the result changed, otherwise the
-- latest row's last_evaluated_at moves.
create table policy_evaluation (
    id                 uuid primary key,
    account            text        not null references account (name) on delete cascade,
    image_digest       text        not null,
    tag                text        not null,
    policy_id          text        not null,
    bundle_digest      text        not null,
    final_action       text        not null check (final_action in ('go', 'warn', 'stop')),
    status             text        not null check (status in ('pass', 'fail')),
    result             jsonb       not null,
    result_digest      text        not null,
    created_at         timestamptz not null,
    last_evaluated_at  timestamptz not null
);
create index policy_evaluation_key_idx on policy_evaluation (account, image_digest, tag, bundle_digest, created_at desc);
