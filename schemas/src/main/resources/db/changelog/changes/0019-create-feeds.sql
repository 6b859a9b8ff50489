--liquibase formatted sql

--changeset drydock:0019-create-feeds
-- Vulnerability feeds (owned by feed-worker). A feed (e.g. `vulnerabilities`) has groups (e.g. `debian:12`,
-- `github:java`); each group holds the OSV records of one OSV ecosystem (`Debian:12`, `Maven`). A sync replaces a
-- group's records in one transaction, so readers see either the previous data or the new data, never a mix.
create table feed (
    name           text primary key,
    enabled        boolean     not null default true,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    last_full_sync timestamptz
);

create table feed_group (
    feed                text        not null references feed (name) on delete cascade,
    name                text        not null,
    ecosystem           text        not null,
    enabled             boolean     not null default true,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    -- start time of the last successful sync (Anchore's last_sync); null until the first one succeeds
    last_sync           timestamptz,
    last_sync_id        uuid,
    -- newest `modified` among the stored records: the cursor of incremental syncs
    last_modified       timestamptz,
    -- validators of the last download, for conditional requests
    source_etag         text,
    source_last_modified text,
    record_count        integer     not null default 0,
    last_attempt_at     timestamptz,
    last_attempt_status text check (last_attempt_status in ('success', 'failure')),
    last_error          text,
    primary key (feed, name)
);
create index feed_group_ecosystem_idx on feed_group (ecosystem);

-- One row per group per sync attempt: the id travels on feed-updated.
create table feed_sync (
    id              uuid primary key,
    feed            text        not null,
    group_name      text        not null,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    status          text        not null check (status in ('running', 'success', 'failure')),
    full_sync       boolean     not null,
    error           text,
    records_added   integer     not null default 0,
    records_updated integer     not null default 0,
    records_removed integer     not null default 0
);
create index feed_sync_group_idx on feed_sync (feed, group_name, started_at desc);

-- The matching keys whose records a sync added, changed or removed (old and new affected entries), stored by sync id
-- so that feed-updated stays small and the matcher re-matches only the images holding one of these keys.
create table feed_sync_affected (
    sync_id   uuid not null references feed_sync (id) on delete cascade,
    match_key text not null,
    primary key (sync_id, match_key)
);

-- One OSV record as stored for one group (only the affected entries of the group's ecosystem are indexed).
create table vulnerability (
    feed       text        not null,
    group_name text        not null,
    id         text        not null,
    modified   timestamptz not null,
    published  timestamptz,
    withdrawn  timestamptz,
    aliases    text[]      not null default '{}',
    summary    text,
    record     jsonb       not null,
    primary key (feed, group_name, id),
    foreign key (feed, group_name) references feed_group (feed, name) on delete cascade
);
create index vulnerability_id_idx on vulnerability (id);
create index vulnerability_aliases_idx on vulnerability using gin (aliases);

-- The affected packages of a record by matching key: `<OSV ecosystem>/<normalised package name>`, e.g.
-- `Debian:12/glibc`, `Maven/org.apache.logging.log4j:log4j-core`, `PyPI/pyyaml`, `npm/@babel/core`.
create table vulnerability_package (
    feed         text    not null,
    group_name   text    not null,
    vuln_id      text    not null,
    ordinal      integer not null,
    match_key    text    not null,
    ecosystem    text    not null,
    package_name text    not null,
    affected     jsonb   not null,
    primary key (feed, group_name, vuln_id, ordinal),
    foreign key (feed, group_name, vuln_id) references vulnerability (feed, group_name, id) on delete cascade
);
create index vulnerability_package_key_idx on vulnerability_package (match_key);

-- When a fix version was first observed for (record, matching key): survives syncs, flushes and re-syncs, so that
-- max_days_since_fix counts from the first observation (UTC).
create table vulnerability_fix_observation (
    vuln_id           text        not null,
    match_key         text        not null,
    fix_version       text        not null,
    first_observed_at timestamptz not null,
    primary key (vuln_id, match_key, fix_version)
);
