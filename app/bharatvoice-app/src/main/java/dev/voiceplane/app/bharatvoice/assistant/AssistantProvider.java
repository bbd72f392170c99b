package dev.voiceplane.app.bharatvoice.assistant;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;

/** Lets the local run find the BharatVoice assistant on its classpath. */
public final class AssistantProvider implements ServiceModuleProvider {

    @Override
    public String serviceName() {
        return AssistantModule.NAME;
    }

    @Override
    public ServiceModule create() {
        return new AssistantModule();
    }
}
