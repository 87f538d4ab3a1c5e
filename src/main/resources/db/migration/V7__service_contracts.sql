-- Service contracts (合同履约): team, execution plan, penalties, quarterly reports, assessments, acceptance, payment.

-- SZ-16: the 苏州 2018 建议服务清单 (4 classes, 20 items); three are mandatory in every execution plan.
create table service_item (
    policy_code varchar(32)  not null references round_policy (code),
    code        varchar(8)   not null,
    sort_order  integer      not null,
    category    varchar(64)  not null,
    name        varchar(200) not null,
    mandatory   boolean      not null,
    -- 表1 items serve one of the 10 population categories (SZ-10 counts them)
    population  varchar(32),
    primary key (policy_code, code)
);

insert into service_item (policy_code, code, sort_order, category, name, mandatory, population) values
    ('SZ-2018', '1-1', 1, '基础类服务', '困境老年人服务', false, 'ELDERLY'),
    ('SZ-2018', '1-2', 2, '基础类服务', '困境未成年人服务', false, 'MINOR'),
    ('SZ-2018', '1-3', 3, '基础类服务', '低保特困人群服务', false, 'LOW_INCOME'),
    ('SZ-2018', '1-4', 4, '基础类服务', '优抚对象服务', false, 'ENTITLED'),
    ('SZ-2018', '1-5', 5, '基础类服务', '重点信访人群服务', false, 'PETITIONER'),
    ('SZ-2018', '1-6', 6, '基础类服务', '残障人士服务', false, 'DISABLED'),
    ('SZ-2018', '1-7', 7, '基础类服务', '精障患者服务', false, 'MENTAL_HEALTH'),
    ('SZ-2018', '1-8', 8, '基础类服务', '失独家庭服务', false, 'BEREAVED_PARENTS'),
    ('SZ-2018', '1-9', 9, '基础类服务', '婚姻家庭服务', false, 'MARRIAGE_FAMILY'),
    ('SZ-2018', '1-10', 10, '基础类服务', '“新苏州人”服务', false, 'NEW_RESIDENT'),
    ('SZ-2018', '2-1', 11, '调研类服务', '社区需求调查', true, null),
    ('SZ-2018', '2-2', 12, '调研类服务', '社区资源调查', true, null),
    ('SZ-2018', '2-3', 13, '调研类服务', '社区社会工作研究', false, null),
    ('SZ-2018', '3-1', 14, '增能类服务', '社区志愿者队伍培育', false, null),
    ('SZ-2018', '3-2', 15, '增能类服务', '社区社会组织培育基地托管运营及组织培育', false, null),
    ('SZ-2018', '3-3', 16, '增能类服务', '社区工作者增能培训', true, null),
    ('SZ-2018', '4-1', 17, '治理类服务', '社区环境治理', false, null),
    ('SZ-2018', '4-2', 18, '治理类服务', '社区公益平台搭建', false, null),
    ('SZ-2018', '4-3', 19, '治理类服务', '社区关系网络建设', false, null),
    ('SZ-2018', '4-4', 20, '治理类服务', '其它特色服务', false, null);

-- Contract policy figures: points deducted for a team more than 15 days late (SZ-06 视情扣分), days after a
-- quarter's end to report (SZ-07), joint meetings (SZ-08: street monthly, community weekly).
insert into round_policy_threshold (policy_code, name, threshold_value, rule_id) values
    ('SZ-2018', 'teamLateDeductionPoints', 5, 'SZ-06'),
    ('SZ-2018', 'reportDueDays', 15, 'SZ-07'),
    ('SZ-2018', 'minStreetMeetingsPerMonth', 1, 'SZ-08'),
    ('SZ-2018', 'minCommunityMeetingsPerWeek', 1, 'SZ-08'),
    ('FS-2020', 'reportDueDays', 15, 'FS-11');

create table service_contract (
    contract_number         varchar(80)    not null primary key,
    kind                    varchar(16)    not null,
    policy_code             varchar(32)    not null references round_policy (code),
    organization_code       varchar(18)    not null,
    title                   varchar(200)   not null,
    source_ref              varchar(80)    not null,
    original_amount         numeric(19, 2) not null,
    current_amount          numeric(19, 2) not null,
    service_start           date           not null,
    service_end             date           not null,
    team_formation_deadline timestamp with time zone,
    communities             varchar(2000)  not null,
    catalog_code            varchar(8),
    catalog_indicators      varchar(4000),
    min_beneficiaries       integer,
    status                  varchar(20)    not null,
    team_formed_at          timestamp with time zone,
    evaluation_deductions   integer        not null,
    service_items           varchar(500),
    additional_items        varchar(2000),
    service_populations     varchar(500),
    service_methods         varchar(2000),
    deliverables            varchar(2000),
    street_coordinators     varchar(200),
    community_coordinators  varchar(2000),
    service_recipients      varchar(20000),
    agreement_confirmed_at  timestamp with time zone,
    acceptance_passed       boolean,
    final_score             numeric(5, 1),
    coordination_score      numeric(5, 1),
    acceptance_comment      varchar(4000),
    accepted_at             timestamp with time zone,
    targets_checked         integer,
    targets_met             integer,
    score_factor            numeric(5, 2),
    payment_amount          numeric(19, 2),
    process_instance_id     varchar(64),
    created_at              timestamp with time zone not null
);
create index service_contract_org on service_contract (organization_code);

-- SZ-05: the registered team (staff ids of the registry) and their roles
create table contract_team_member (
    contract_number varchar(80) not null references service_contract (contract_number),
    position        integer     not null,
    staff_id        bigint      not null,
    role            varchar(16) not null,
    primary key (contract_number, position)
);

-- SZ-06: deductions, reductions and terminations, each with its rule id and the days late
create table contract_penalty (
    id              bigint generated by default as identity primary key,
    contract_number varchar(80)    not null references service_contract (contract_number),
    rule_id         varchar(8)     not null,
    kind            varchar(16)    not null,
    days_late       integer        not null,
    points          integer,
    amount          numeric(19, 2),
    reason          varchar(2000)  not null,
    decided_by      varchar(64),
    recorded_at     timestamp with time zone not null,
    document_id     varchar(64)
);

-- SZ-10, SZ-11, SZ-12 and FS-11 shortfalls found at final acceptance
create table contract_shortfall (
    contract_number varchar(80)   not null references service_contract (contract_number),
    position        integer       not null,
    rule_id         varchar(8)    not null,
    fact            varchar(2000) not null,
    primary key (contract_number, position)
);

-- SZ-07: one row per reporting period, opened at the period's end and submitted by the provider
create table quarterly_report (
    id                     bigint generated by default as identity primary key,
    contract_number        varchar(80)   not null references service_contract (contract_number),
    sequence               integer       not null,
    contract_year          integer       not null,
    period_start           date          not null,
    period_end             date          not null,
    due_at                 timestamp with time zone not null,
    status                 varchar(16)   not null,
    escalated_at           timestamp with time zone,
    submitted_at           timestamp with time zone,
    submitted_by           varchar(64),
    persons_served         integer,
    case_served            integer,
    served_from_street_list integer,
    population_categories  varchar(500),
    training_sessions      integer,
    training_hours         numeric(7, 1),
    street_meetings        integer,
    community_meetings     integer,
    completed_on           date,
    summary                varchar(4000),
    unique (contract_number, sequence)
);

-- SZ-11: a report's figures per community
create table report_community_figures (
    report_id         bigint         not null references quarterly_report (id),
    position          integer        not null,
    community         varchar(100)   not null,
    household_files   integer        not null,
    hardship_files    integer        not null,
    resource_map      boolean        not null,
    studies           integer        not null,
    volunteer_teams   integer        not null,
    volunteers        integer        not null,
    governance_items  integer        not null,
    platforms         integer        not null,
    community_fund    numeric(19, 2) not null,
    network_items     integer        not null,
    primary key (report_id, position)
);

-- SZ-09: each contract year, the street and the community assess the contractor
create table annual_assessment (
    id                 bigint generated by default as identity primary key,
    contract_number    varchar(80)   not null references service_contract (contract_number),
    contract_year      integer       not null,
    assessor_group     varchar(16)   not null,
    assessed_by        varchar(64)   not null,
    progress_score     integer       not null,
    effect_score       integer       not null,
    satisfaction_score integer       not null,
    assessment_comment varchar(2000) not null,
    assessed_at        timestamp with time zone not null,
    unique (contract_number, contract_year, assessor_group)
);
