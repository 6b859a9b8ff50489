--liquibase formatted sql

--changeset drydock:0005-create-analysis-job
-- Analysis work claimed in PostgreSQL with a lease, so no analysis is held inside a Kafka poll and a crashed
-- worker's claim expires. At most one queued or running job per digest: analyses are shared by digest.
create table analysis_job (
    id                uuid primary key,
    account           text        not null,
    image_digest      text        not null,
    pull_registry     text        not null,
    pull_repo         text        not null,
    platform          text        not null,
    state             text        not null check (state in ('queued', 'running', 'succeeded', 'failed')),
    attempts          integer     not null default 0,
    max_attempts      integer     not null default 3,
    lease_owner       text,
    lease_expires_at  timestamptz,
    failure_reason    text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create unique index analysis_job_one_active_per_digest on analysis_job (image_digest) where state in ('queued', 'running');
create index analysis_job_claimable_idx on analysis_job (state, created_at) where state in ('queued', 'running');
