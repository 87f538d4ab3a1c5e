-- The two rounds CivicFlow ships with. Another district's round is a new row, not new code.

-- 房山区 2020: 申报截止 2020年2月7日24时 (= 2020-02-08 00:00 Asia/Shanghai), 项目完成 2020年12月10日.
insert into round_policy (code, kind, district, title, opens_at, submission_deadline, completion_deadline,
                          tender_completed_by, team_formation_deadline, service_start, service_end)
values ('FS-2020', 'CALL_FOR_PROPOSALS', '北京市房山区', '2020年房山区政府购买社会组织服务项目征集',
        timestamp with time zone '2020-01-01 00:00:00+08:00',
        timestamp with time zone '2020-02-08 00:00:00+08:00',
        timestamp with time zone '2020-12-11 00:00:00+08:00',
        null, null, date '2020-02-08', date '2020-12-10');

insert into round_policy_threshold (policy_code, name, threshold_value, rule_id) values
    ('FS-2020', 'penaltyLookbackMonths', 24, 'FS-03'),
    ('FS-2020', 'outcomeLookbackYears', 1, 'FS-06'),
    ('FS-2020', 'maxApplicationsPerOrg', 2, 'FS-07'),
    ('FS-2020', 'expertReviewers', 3, null);

-- 苏州市 2018 新一轮市级社区服务社会化试点: 14 units x 1,100,000 yuan a year x 2 years,
-- tender done by mid-June, team formed by end of June, service 2018-07 to 2020-06.
insert into round_policy (code, kind, district, title, opens_at, submission_deadline, completion_deadline,
                          tender_completed_by, team_formation_deadline, service_start, service_end)
values ('SZ-2018', 'PILOT_TENDER', '江苏省苏州市', '苏州市新一轮市级社区服务社会化试点',
        timestamp with time zone '2018-05-18 00:00:00+08:00',
        null,
        timestamp with time zone '2020-07-01 00:00:00+08:00',
        timestamp with time zone '2018-06-16 00:00:00+08:00',
        timestamp with time zone '2018-07-01 00:00:00+08:00',
        date '2018-07-01', date '2020-06-30');

insert into round_policy_threshold (policy_code, name, threshold_value, rule_id) values
    ('SZ-2018', 'procurementUnits', 14, 'SZ-13'),
    ('SZ-2018', 'annualBudgetPerUnit', 1100000, 'SZ-13'),
    ('SZ-2018', 'serviceYears', 2, 'SZ-15'),
    ('SZ-2018', 'minBoardSocialWorkers', 1, 'SZ-02'),
    ('SZ-2018', 'minBoardAssistantSocialWorkers', 2, 'SZ-02'),
    ('SZ-2018', 'minFullTimeStaff', 9, 'SZ-03'),
    ('SZ-2018', 'minProfessionalSocialWorkers', 5, 'SZ-03'),
    ('SZ-2018', 'minContractMonths', 12, 'SZ-03'),
    ('SZ-2018', 'minProjectManagerYears', 2, 'SZ-05'),
    ('SZ-2018', 'maxSupervisors', 2, 'SZ-05'),
    ('SZ-2018', 'minSupervisorPracticeYears', 3, 'SZ-05'),
    ('SZ-2018', 'minExperiencedMembers', 5, 'SZ-05'),
    ('SZ-2018', 'deductionAfterDaysLate', 15, 'SZ-06'),
    ('SZ-2018', 'sanctionAfterDaysLate', 30, 'SZ-06'),
    ('SZ-2018', 'minPersonsServed', 40, 'SZ-10'),
    ('SZ-2018', 'minCaseSharePercent', 50, 'SZ-10'),
    ('SZ-2018', 'minPopulationCategories', 2, 'SZ-10'),
    ('SZ-2018', 'minStreetListSharePercent', 60, 'SZ-10'),
    ('SZ-2018', 'minTrainingsPerYear', 4, 'SZ-10'),
    ('SZ-2018', 'minTrainingHoursPerYear', 16, 'SZ-10'),
    ('SZ-2018', 'minHouseholdFilesPerCommunity', 150, 'SZ-11'),
    ('SZ-2018', 'minHardshipSharePercent', 70, 'SZ-11'),
    ('SZ-2018', 'minStudiesPerCommunity', 1, 'SZ-11'),
    ('SZ-2018', 'minVolunteerTeams', 2, 'SZ-11'),
    ('SZ-2018', 'minVolunteers', 50, 'SZ-11'),
    ('SZ-2018', 'minCommunityFundYuan', 30000, 'SZ-11'),
    ('SZ-2018', 'minCommunities', 4, 'SZ-12'),
    ('SZ-2018', 'minEvaluatorPracticeYears', 3, 'SZ-14'),
    ('SZ-2018', 'minEvaluatorTeam', 3, 'SZ-14'),
    ('SZ-2018', 'minEvaluatorExperts', 5, 'SZ-14'),
    ('SZ-2018', 'minTenderDays', 20, 'LAW-02'),
    ('SZ-2018', 'contractSigningDays', 30, 'LAW-01'),
    ('SZ-2018', 'minCommitteeMembers', 5, 'LAW-03');
