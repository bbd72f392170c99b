package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.runtime.ServiceLauncher;

/** The image's entry point: serve, or {@code migrate} and exit. */
public final class SmartWhitelistMain {

    private SmartWhitelistMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.main(SmartWhitelistModule.NAME, args, SmartWhitelistModule::new);
    }
}
