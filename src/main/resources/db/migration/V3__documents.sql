-- Archived notices (LAW-04: kept at least 15 years; nothing here deletes them).
create table archived_document (
    id                     varchar(36)  not null primary key,
    kind                   varchar(64)  not null,
    title                  varchar(200) not null,
    process_instance_id    varchar(64)  not null,
    process_definition_key varchar(255) not null,
    business_key           varchar(255),
    html                   varchar(1000000) not null,
    created_at             timestamp with time zone not null
);
create index archived_document_instance on archived_document (process_instance_id);
