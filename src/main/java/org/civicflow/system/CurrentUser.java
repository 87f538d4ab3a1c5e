package org.civicflow.system;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The user authenticated for this request (set on Camunda's identity service by the
 * authentication filters), so that API code and engine authorization checks agree on who asks.
 */
@Component
public class CurrentUser {

    private final IdentityService identityService;

    CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    public Authentication authentication() {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null) {
            throw new NotAuthenticatedException();
        }
        return authentication;
    }

    public String userId() {
        return authentication().getUserId();
    }

    public List<String> groupIds() {
        List<String> groups = authentication().getGroupIds();
        return groups == null ? List.of() : groups;
    }

    public boolean isMemberOf(String groupId) {
        return groupIds().contains(groupId);
    }

    public boolean isAdministrator() {
        return isMemberOf(Groups.ADMIN);
    }

    /** The bureau and administrators manage the registry and see every round. */
    public boolean isBureauOrAdministrator() {
        return isAdministrator() || isMemberOf(Groups.BUREAU);
    }

    /**
     * Whether whoever is acting may act in the name of the organization: the bureau, an administrator,
     * a member of its group {@code org-{code}} — or the engine itself (no user: jobs, start-up).
     */
    public boolean mayActFor(String organizationCode) {
        if (identityService.getCurrentAuthentication() == null) {
            return true;
        }
        return isBureauOrAdministrator() || isMemberOf(Groups.organization(organizationCode));
    }

    public void requireBureauOrAdministrator() {
        if (!isBureauOrAdministrator()) {
            throw new ForbiddenException("只有民政局工作人员或管理员可以执行此操作");
        }
    }

    /** Thrown when API code runs without an authenticated user (the filters prevent it). */
    static final class NotAuthenticatedException extends RuntimeException {
        NotAuthenticatedException() {
            super("未登录");
        }
    }
}
