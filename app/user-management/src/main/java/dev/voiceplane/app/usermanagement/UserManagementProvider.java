package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;

/** Lets the local run find user-management on its classpath. */
public final class UserManagementProvider implements ServiceModuleProvider {

    @Override
    public String serviceName() {
        return UserManagementModule.NAME;
    }

    @Override
    public ServiceModule create() {
        return new UserManagementModule();
    }
}
