package dev.voiceplane.app.conversationengine;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;

/** Lets the local run find conversation-engine on its classpath. */
public final class ConversationEngineProvider implements ServiceModuleProvider {

    @Override
    public String serviceName() {
        return ConversationEngineModule.NAME;
    }

    @Override
    public ServiceModule create() {
        return new ConversationEngineModule();
    }
}
