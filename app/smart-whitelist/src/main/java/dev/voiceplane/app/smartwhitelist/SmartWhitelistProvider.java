package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;

/** Lets the local run find smart-whitelist on its classpath. */
public final class SmartWhitelistProvider implements ServiceModuleProvider {

    @Override
    public String serviceName() {
        return SmartWhitelistModule.NAME;
    }

    @Override
    public ServiceModule create() {
        return new SmartWhitelistModule();
    }
}
