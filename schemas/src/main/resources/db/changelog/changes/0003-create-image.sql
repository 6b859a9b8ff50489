--liquibase formatted sql

--changeset drydock:0003-create-image
-- One record per (account, image digest). Status columns move only through guarded compare-and-set updates.
create table image (
    account          text        not null references account (name) on delete cascade,
    digest           text        not null,
    parent_digest    text        not null,
    image_id         text,
    image_type       text        not null default 'docker',
    analysis_status  text        not null check (analysis_status in ('not_analyzed', 'analyzing', 'analyzed', 'analysis_failed')),
    image_status     text        not null check (image_status in ('active', 'deleting')),
    annotations      jsonb       not null default '{}'::jsonb,
    manifest         text        not null,
    parent_manifest  text,
    platform         text        not null,
    compressed_size  bigint,
    analysis_job_id  uuid,
    failure_reason   text,
    created_at       timestamptz not null,
    last_updated     timestamptz not null,
    analyzed_at      timestamptz,
    primary key (account, digest)
);
create index image_digest_idx on image (digest);
create index image_status_idx on image (analysis_status, image_status);
