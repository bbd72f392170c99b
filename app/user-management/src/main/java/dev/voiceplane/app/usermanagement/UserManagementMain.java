package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.runtime.ServiceLauncher;

/** The image's entry point: serve, or {@code migrate} and exit. */
public final class UserManagementMain {

    private UserManagementMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.main(UserManagementModule.NAME, args, UserManagementModule::new);
    }
}
