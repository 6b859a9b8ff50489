--liquibase formatted sql

--changeset drydock:0006-create-analysis
-- Analyses are content-addressed by image digest and shared; an account reads one only through its own image record.
create table analysis (
    image_digest     text primary key,
    analyzer_version text        not null,
    image_id         text        not null,
    distro           text        not null,
    distro_version   text        not null,
    like_distro      text,
    arch             text,
    os               text,
    image_size       bigint      not null,
    layer_count      integer     not null,
    dockerfile_mode  text        not null,
    document         jsonb       not null,
    analyzed_at      timestamptz not null
);
