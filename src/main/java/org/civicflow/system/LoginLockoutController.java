package org.civicflow.system;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the login throttle holds right now, for administrators: accounts temporarily locked and client addresses
 * blocked (README "Security"). This node's view only: counts are kept per node.
 */
@RestController
class LoginLockoutController {

    record UserLockView(String userId, OffsetDateTime lockedUntil, int failures, List<String> addresses) {
    }

    record AddressBlockView(String address, OffsetDateTime blockedUntil, int failures) {
    }

    record LockoutsView(List<UserLockView> users, List<AddressBlockView> addresses) {
    }

    private final LoginThrottle throttle;
    private final CurrentUser currentUser;

    LoginLockoutController(LoginThrottle throttle, CurrentUser currentUser) {
        this.throttle = throttle;
        this.currentUser = currentUser;
    }

    @GetMapping(path = "/api/security/lockouts", produces = "application/json")
    LockoutsView lockouts() {
        requireAdministrator();
        return new LockoutsView(
                throttle.lockedUsers().stream().map(l -> new UserLockView(l.userId(),
                        l.lockedUntil().atZone(ShanghaiTime.ZONE).toOffsetDateTime(), l.failures(), l.addresses()))
                        .toList(),
                throttle.blockedAddresses().stream().map(b -> new AddressBlockView(b.address(),
                        b.blockedUntil().atZone(ShanghaiTime.ZONE).toOffsetDateTime(), b.failures())).toList());
    }

    /** Releases an account before its lock expires (it would also expire by itself). */
    @DeleteMapping("/api/security/lockouts/users/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void releaseUser(@PathVariable String userId) {
        requireAdministrator();
        throttle.releaseUser(userId);
    }

    /** Releases a client address before its block expires, e.g. an office's shared address. */
    @DeleteMapping("/api/security/lockouts/addresses/{address}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void releaseAddress(@PathVariable String address) {
        requireAdministrator();
        throttle.releaseAddress(address);
    }

    private void requireAdministrator() {
        if (!currentUser.isAdministrator()) {
            throw new ForbiddenException("只有系统管理员可以查看和解除登录锁定");
        }
    }
}
