--liquibase formatted sql

--changeset drydock:0018-analysis-content
-- Language packages carry CPEs and ecosystem metadata; the files of an analysis get their own table so that the
-- document stays small (an image may hold millions of files) and /content/files can be paged by path.
alter table analysis_package add column cpes jsonb not null default '[]'::jsonb;
alter table analysis_package add column metadata jsonb not null default '{}'::jsonb;
create index analysis_package_purl_idx on analysis_package (purl);

create table analysis_file (
    image_digest text    not null references analysis (image_digest) on delete cascade,
    path         text    not null,
    file_type    text    not null,
    mode         integer not null,
    uid          bigint  not null,
    gid          bigint  not null,
    size         bigint  not null,
    sha256       text,
    link_target  text,
    layer_digest text    not null,
    primary key (image_digest, path)
);

-- Per-layer findings, shared by every image that contains the layer: analysing a layer twice with the same analyzer
-- version gives the same findings, so an image whose layers were all seen before is analysed without reading them.
create table layer_analysis (
    layer_digest     text        not null,
    analyzer_version text        not null,
    findings         bytea       not null,
    findings_size    bigint      not null,
    created_at       timestamptz not null,
    last_used_at     timestamptz not null,
    primary key (layer_digest, analyzer_version)
);
create index layer_analysis_last_used_idx on layer_analysis (last_used_at);
