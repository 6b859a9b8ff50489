--liquibase formatted sql

--changeset drydock:0017-add-image-source
-- Where an image's content comes from: a registry (pulled by reference) or an archive uploaded through the API
-- (kept in the object store under the image digest). Re-queued analyses read the image's source; a job carries its own.
alter table image add column source text not null default 'registry' check (source in ('registry', 'archive'));
alter table analysis_job add column source text not null default 'registry' check (source in ('registry', 'archive'));
