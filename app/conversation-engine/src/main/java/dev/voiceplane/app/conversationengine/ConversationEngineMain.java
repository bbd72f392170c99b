package dev.voiceplane.app.conversationengine;

import dev.voiceplane.app.core.runtime.ServiceLauncher;

/** The image's entry point: serve, or {@code migrate} and exit. */
public final class ConversationEngineMain {

    private ConversationEngineMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.main(ConversationEngineModule.NAME, args, ConversationEngineModule::new);
    }
}
