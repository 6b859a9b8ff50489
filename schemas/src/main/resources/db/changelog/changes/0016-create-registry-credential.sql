--liquibase formatted sql

--changeset drydock:0016-create-registry-credential
-- Registry credentials per account (Anchore's /registries). The password is never stored in plain text:
-- registry_pass is AES-256-GCM ciphertext (nonce + ciphertext + tag, base64) under the key named by key_id.
create table registry_credential (
    account          text        not null references account (name) on delete cascade,
    registry         text        not null,
    registry_name    text        not null,
    registry_user    text        not null,
    registry_pass    text        not null,
    key_id           text        not null,
    registry_type    text        not null check (registry_type in ('docker_v2')),
    registry_verify  boolean     not null,
    created_at       timestamptz not null,
    last_updated     timestamptz not null,
    primary key (account, registry)
);
-- The rotation step finds what is not yet under the current key without reading every row.
create index registry_credential_key_id_idx on registry_credential (key_id);
