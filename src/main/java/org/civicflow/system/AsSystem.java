package org.civicflow.system;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls without the current user's authentication, for bookkeeping the user has already
 * been allowed to cause (granting an organization read access to the application it just started,
 * maintaining an organization's group). The caller's authentication is restored afterwards.
 */
@Component
public class AsSystem {

    private final IdentityService identityService;

    AsSystem(IdentityService identityService) {
        this.identityService = identityService;
    }

    public void run(Runnable work) {
        get(() -> {
            work.run();
            return null;
        });
    }

    public <T> T get(Supplier<T> work) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
