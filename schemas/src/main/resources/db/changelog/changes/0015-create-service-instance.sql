--liquibase formatted sql

--changeset drydock:0015-create-service-instance
-- The service registry: every instance heartbeats here; synchronous internal calls find a live base_url.
create table service_instance (
    servicename     text        not null,
    hostid          text        not null,
    base_url        text        not null,
    version         text        not null,
    started_at      timestamptz not null,
    heartbeat_at    timestamptz not null,
    primary key (servicename, hostid)
);
