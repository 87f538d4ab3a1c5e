package org.civicflow.system;

import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The manager dashboard ({@code /dashboard}): every stage's {@link DashboardContributor} sections on one
 * server-rendered page (FreeMarker {@code templates/dashboard.ftlh}, HTML auto-escaping, charts as inline
 * SVG). Only the bureau, streets and administrators may open it; {@link DashboardAuthenticationFilter} has
 * already authenticated the user (webapp session or HTTP Basic).
 */
@Controller
class DashboardController {

    /** Nothing but this page's own inline styles; links and forms go nowhere but this server. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final List<DashboardContributor> contributors;
    private final IdentityService identityService;

    DashboardController(List<DashboardContributor> contributors, IdentityService identityService) {
        this.contributors = List.copyOf(contributors);
        this.identityService = identityService;
    }

    @GetMapping("/dashboard")
    ModelAndView dashboard(HttpServletResponse response) {
        headers(response);
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null) {
            // the filter answers first; this only guards a path that reached us without it
            return denied(HttpStatus.UNAUTHORIZED, "请先登录 Tasklist 或 Cockpit。");
        }
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        DashboardViewer.Scope scope;
        if (groups.contains(Groups.ADMIN) || groups.contains(Groups.BUREAU)) {
            scope = DashboardViewer.Scope.ALL;
        } else if (groups.contains(Groups.STREET)) {
            scope = DashboardViewer.Scope.PILOT;
        } else {
            return denied(HttpStatus.FORBIDDEN, "管理看板仅供民政局、街道工作人员和管理员使用。");
        }
        DashboardViewer viewer = new DashboardViewer(authentication.getUserId(), groups, scope);
        List<DashboardCharts.SectionView> sections = contributors.stream()
                .flatMap(c -> c.sections(viewer).stream())
                .sorted(Comparator.comparingInt(DashboardSection::order))
                .map(s -> new DashboardCharts.SectionView(s, s.charts().stream().map(DashboardCharts::draw).toList()))
                .toList();
        ModelAndView page = new ModelAndView("dashboard");
        page.addObject("sections", sections);
        page.addObject("userId", viewer.userId());
        page.addObject("scopeText", viewer.seesAll() ? "全部征集轮次、招标与合同" : "苏州试点的招标与合同（街道视图）");
        page.addObject("generatedAt", DashboardLinks.date(ShanghaiTime.now()));
        page.addObject("cockpit", DashboardLinks.processes("Cockpit 流程列表").href());
        page.addObject("tasklist", DashboardLinks.TASKLIST);
        return page;
    }

    private static ModelAndView denied(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("dashboard-denied", status);
        page.addObject("heading", status == HttpStatus.UNAUTHORIZED ? "请先登录" : "无权访问");
        page.addObject("message", message);
        return page;
    }

    private static void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
