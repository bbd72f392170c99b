package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;

/** Lets the local run find realtime-processor on its classpath. */
public final class RealtimeProcessorProvider implements ServiceModuleProvider {

    @Override
    public String serviceName() {
        return RealtimeProcessorModule.NAME;
    }

    @Override
    public ServiceModule create() {
        return new RealtimeProcessorModule();
    }
}
