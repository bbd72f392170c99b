package dev.voiceplane.app.bharatvoice.assistant;

import dev.voiceplane.app.core.runtime.ServiceLauncher;

/** The image's entry point: serve, or {@code migrate} (the guide's Alembic step) and exit. */
public final class AssistantMain {

    private AssistantMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.main(AssistantModule.NAME, args, AssistantModule::new);
    }
}
