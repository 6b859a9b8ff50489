--liquibase formatted sql

--changeset drydock:0004-create-image-tag
-- The tags an account has seen on an image; the same tag on many digests over time is the tag history.
create table image_tag (
    account          text        not null,
    image_digest     text        not null,
    registry         text        not null,
    repo             text        not null,
    tag              text        not null,
    image_id         text,
    dockerfile       text,
    created_at       timestamptz not null,
    last_updated     timestamptz not null,
    tag_detected_at  timestamptz not null,
    primary key (account, image_digest, registry, repo, tag),
    foreign key (account, image_digest) references image (account, digest) on delete cascade
);
create index image_tag_fulltag_idx on image_tag (account, registry, repo, tag, created_at desc);
