package dev.voiceplane.app.bharatvoice.worker;

import dev.voiceplane.app.core.runtime.ServiceLauncher;

/** The image's entry point. The schema is bharatvoice-app's; the worker only checks it is current. */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.main(WorkerModule.NAME, args, WorkerModule::new);
    }
}
