package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.runtime.ServiceLauncher;

/** The image's entry point: serve, or {@code migrate} and exit. */
public final class ProfileAnalyticsMain {

    private ProfileAnalyticsMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.main(ProfileAnalyticsModule.NAME, args, ProfileAnalyticsModule::new);
    }
}
