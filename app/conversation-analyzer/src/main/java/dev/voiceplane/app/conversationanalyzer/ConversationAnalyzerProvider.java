package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;

/** Lets the local run find conversation-analyzer on its classpath. */
public final class ConversationAnalyzerProvider implements ServiceModuleProvider {

    @Override
    public String serviceName() {
        return ConversationAnalyzerModule.NAME;
    }

    @Override
    public ServiceModule create() {
        return new ConversationAnalyzerModule();
    }
}
