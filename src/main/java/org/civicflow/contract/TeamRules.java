package org.civicflow.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.civicflow.contract.ServiceContract.Shortfall;
import org.civicflow.contract.ServiceContract.TeamMember;
import org.civicflow.contract.ServiceContract.TeamRole;
import org.civicflow.registry.Organization;
import org.civicflow.registry.RoundPolicy;
import org.civicflow.registry.StaffMember;
import org.springframework.stereotype.Component;

/**
 * SZ-05: a unit's service team, checked against the organization's registered staff (never against what the
 * provider says about them). The team is the members plus the project manager; supervisors are named apart.
 */
@Component
class TeamRules {

    /** The proposed team as the provider named it. */
    record Proposal(List<Long> teamStaffIds, Long projectManagerStaffId, List<Long> supervisorStaffIds) {

        List<TeamMember> members() {
            List<TeamMember> members = new ArrayList<>();
            members.add(new TeamMember(projectManagerStaffId, TeamRole.PROJECT_MANAGER));
            teamStaffIds.stream().filter(id -> !id.equals(projectManagerStaffId))
                    .forEach(id -> members.add(new TeamMember(id, TeamRole.MEMBER)));
            supervisorStaffIds.forEach(id -> members.add(new TeamMember(id, TeamRole.SUPERVISOR)));
            return members;
        }
    }

    /** Every shortfall of the proposal, each as SZ-05 with the fact; empty when the team may be formed. */
    List<Shortfall> check(Proposal proposal, Organization organization, RoundPolicy policy) {
        Map<Long, StaffMember> staff = organization.getStaff().stream()
                .collect(Collectors.toMap(StaffMember::getId, Function.identity()));
        List<String> facts = new ArrayList<>();
        Set<Long> named = new LinkedHashSet<>(proposal.teamStaffIds());
        named.add(proposal.projectManagerStaffId());
        named.addAll(proposal.supervisorStaffIds());
        List<Long> unknown = named.stream().filter(id -> !staff.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            facts.add("登记编号 " + unknown.stream().map(String::valueOf).collect(Collectors.joining("、")) + " 不是"
                    + organization.getName() + "登记的工作人员");
        }
        Set<Long> teamIds = new LinkedHashSet<>(proposal.teamStaffIds());
        teamIds.add(proposal.projectManagerStaffId());
        List<StaffMember> team = teamIds.stream().map(staff::get).filter(s -> s != null).toList();

        int minFullTime = policy.intThreshold("minFullTimeStaff");
        long fullTime = team.stream().filter(StaffMember::isFullTimeEmployee).count();
        if (fullTime < minFullTime) {
            facts.add("团队全职员工（一年以上劳动合同并缴纳社保）" + fullTime + "人，不足" + minFullTime + "人");
        }
        int minProfessional = policy.intThreshold("minProfessionalSocialWorkers");
        long professional = team.stream().filter(StaffMember::isProfessionalSocialWorker).count();
        if (professional < minProfessional) {
            facts.add("团队专业社工" + professional + "人，不足" + minProfessional + "人");
        }
        StaffMember manager = staff.get(proposal.projectManagerStaffId());
        int managerYears = policy.intThreshold("minProjectManagerYears");
        if (manager != null && !manager.isProfessionalSocialWorker()) {
            facts.add("项目主管" + manager.getName() + "不是专业社工");
        }
        if (manager != null && manager.getExperienceYears() < managerYears) {
            facts.add("项目主管" + manager.getName() + "工作经验" + manager.getExperienceYears() + "年，不足" + managerYears + "年");
        }
        supervisors(proposal, staff, policy, facts);
        int minExperienced = policy.intThreshold("minExperiencedMembers");
        long experienced = team.stream().filter(s -> s.getCommunityServiceYears() >= 1).count();
        if (experienced < minExperienced) {
            facts.add("具有一年以上社区服务经历的成员" + experienced + "人，不足" + minExperienced + "人");
        }
        return facts.stream().map(f -> new Shortfall("SZ-05", f)).toList();
    }

    private static void supervisors(Proposal proposal, Map<Long, StaffMember> staff, RoundPolicy policy,
                                    List<String> facts) {
        List<Long> ids = List.copyOf(new LinkedHashSet<>(proposal.supervisorStaffIds()));
        int max = policy.intThreshold("maxSupervisors");
        if (ids.isEmpty() || ids.size() > max) {
            facts.add("专业督导须为1至" + max + "人，现为" + ids.size() + "人");
        }
        if (ids.contains(proposal.projectManagerStaffId())) {
            facts.add("项目主管不能兼任专业督导");
        }
        List<StaffMember> supervisors = ids.stream().map(staff::get).filter(s -> s != null).toList();
        if (!supervisors.isEmpty() && supervisors.stream().noneMatch(StaffMember::isLocal)) {
            facts.add("专业督导中没有本土督导");
        }
        int practice = policy.intThreshold("minSupervisorPracticeYears");
        for (StaffMember s : supervisors) {
            boolean trained = s.isSocialWorkDiploma()
                    || (s.getQualification() != null && s.getQualification().atLeastSocialWorker());
            if (!s.isSupervisorQualified() && !(trained && s.getExperienceYears() >= practice)) {
                facts.add("督导" + s.getName() + "既非苏州市见习督导，也不具备社会工作专业学历或社会工作师资格加"
                        + practice + "年以上实务经验");
            }
        }
    }
}
