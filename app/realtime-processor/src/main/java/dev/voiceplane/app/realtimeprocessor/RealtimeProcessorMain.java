package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.runtime.ServiceLauncher;

/** The image's entry point. realtime-processor keeps no database, so it has nothing to migrate. */
public final class RealtimeProcessorMain {

    private RealtimeProcessorMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.main(RealtimeProcessorModule.NAME, args, RealtimeProcessorModule::new);
    }
}
