-- The experts drawn for an application (Task_DrawReviewers). The review tasks iterate over these rows' opaque ids,
-- so the process instance, which the applicant may read, holds no expert's name (README "Security": reviews).
create table application_reviewer (
    id             varchar(36) primary key,
    application_id varchar(64) not null references project_application (application_id),
    expert         varchar(64) not null,
    drawn_at       timestamp with time zone not null,
    unique (application_id, expert)
);
