package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;

/** Lets the local run find profile-analytics on its classpath. */
public final class ProfileAnalyticsProvider implements ServiceModuleProvider {

    @Override
    public String serviceName() {
        return ProfileAnalyticsModule.NAME;
    }

    @Override
    public ServiceModule create() {
        return new ProfileAnalyticsModule();
    }
}
