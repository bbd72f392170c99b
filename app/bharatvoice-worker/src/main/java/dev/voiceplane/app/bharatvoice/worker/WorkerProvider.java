package dev.voiceplane.app.bharatvoice.worker;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;

/** Lets the local run find the BharatVoice worker on its classpath. */
public final class WorkerProvider implements ServiceModuleProvider {

    @Override
    public String serviceName() {
        return WorkerModule.NAME;
    }

    @Override
    public ServiceModule create() {
        return new WorkerModule();
    }
}
