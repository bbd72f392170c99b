package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.runtime.ServiceLauncher;

/** The image's entry point: serve, or {@code migrate} and exit. */
public final class ConversationAnalyzerMain {

    private ConversationAnalyzerMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.main(ConversationAnalyzerModule.NAME, args, ConversationAnalyzerModule::new);
    }
}
