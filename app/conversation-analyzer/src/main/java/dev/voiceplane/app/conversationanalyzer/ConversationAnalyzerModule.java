package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.azureopenai.AzureOpenAiClient;
import dev.voiceplane.app.core.privacy.PersonalDataRoutes;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import java.time.Duration;

/**
 * conversation-analyzer: after the call, its summary, sentiment, category and quality (catalog port
 * 3007). Azure OpenAI analyses when {@code AZURE_OPENAI_ENDPOINT} and {@code AZURE_OPENAI_KEY} are
 * set, otherwise the offline analyzer; outcomes go to profile-analytics through an outbox.
 */
public final class ConversationAnalyzerModule implements ServiceModule {

    public static final String NAME = "conversation-analyzer";
    /** The caller has hung up: an analysis may take longer than a live turn, but not forever. */
    static final Duration ANALYSIS_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(1);

    @Override
    public void install(ServiceContext context) {
        OfflineAnalyzer offline = new OfflineAnalyzer();
        TranscriptAnalyzer primary = AzureOpenAiClient.fromConfig(context.config(), context.budget(AzureOpenAiClient.CALL, ANALYSIS_TIMEOUT))
                .<TranscriptAnalyzer>map(AzureOpenAiAnalyzer::new).orElse(offline);
        AnalysisStore store = new AnalysisStore(context.database().jdbi(), context.clock());
        OutcomeReporter reporter = new OutcomeReporter(store, context.client("profile-analytics", REPORT_TIMEOUT), context.redis(),
                context.metrics());
        context.every("outcome-reporter", OutcomeReporter.RETRY_INTERVAL, OutcomeReporter.RETRY_INTERVAL, reporter::retryPending);
        new AnalysisRoutes(store, new CallAnalyzer(primary, offline, context.metrics()), reporter).install(context.app());
        PersonalDataRoutes.install(context.app(), NAME, new AnalyzerPersonalData(store, context.database().jdbi()));
    }
}
