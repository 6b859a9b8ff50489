--liquibase formatted sql

--changeset drydock:0007-create-analysis-package
-- Packages of an analysis, normalised so that they can be searched and matched.
create table analysis_package (
    image_digest    text    not null references analysis (image_digest) on delete cascade,
    ordinal         integer not null,
    pkg_type        text    not null,
    name            text    not null,
    version         text    not null,
    arch            text,
    source_name     text,
    source_version  text,
    licenses        text,
    size            bigint,
    origin          text,
    layer_digest    text,
    location        text,
    purl            text,
    primary key (image_digest, ordinal)
);
create index analysis_package_name_idx on analysis_package (pkg_type, name);
