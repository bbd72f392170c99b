package dev.voiceplane.app.conversationengine;

import dev.voiceplane.app.azureopenai.AzureOpenAiClient;
import dev.voiceplane.app.core.privacy.PersonalDataRoutes;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.catalog.Env;
import java.time.Duration;

/**
 * conversation-engine: a dialog per call (catalog port 3003). Replies come from Azure OpenAI when
 * {@code AZURE_OPENAI_ENDPOINT} and {@code AZURE_OPENAI_KEY} are set, otherwise from the offline
 * provider; either way a turn is bounded by {@code PROCESSING_PIPELINE_TIMEOUT}. Transcripts are
 * kept for {@code TRANSCRIPT_RETENTION_DAYS} and exported or erased per user for user-management.
 */
public final class ConversationEngineModule implements ServiceModule {

    public static final String NAME = "conversation-engine";
    /** Profiles personalise a reply but must not eat the turn's budget. */
    static final Duration PROFILE_TIMEOUT = Duration.ofMillis(300);

    @Override
    public void install(ServiceContext context) {
        Duration turnBudget = Duration.ofMillis(context.config().intValue(Env.PROCESSING_PIPELINE_TIMEOUT));
        OfflineResponseProvider offline = new OfflineResponseProvider();
        ResponseProvider primary = AzureOpenAiClient.fromConfig(context.config(), context.budget(AzureOpenAiClient.CALL, turnBudget))
                .<ResponseProvider>map(AzureOpenAiProvider::new).orElse(offline);
        QualityMetrics metrics = new QualityMetrics(context.metrics());
        ResponseGenerator generator = new ResponseGenerator(primary, offline, new ResponseQuality(), metrics);
        ConversationStore store = new ConversationStore(context.database().jdbi(), context.redis(), context.clock());
        CallerProfiles profiles = new CallerProfiles(context.redis(), context.client("profile-analytics", PROFILE_TIMEOUT),
                context.clock(), context.metrics());
        IntentDetector detector = new IntentDetector();
        DialogEngine engine = new DialogEngine(store, profiles, detector, generator);
        new ConversationRoutes(store, engine, detector).install(context.app());
        PersonalDataRoutes.install(context.app(), NAME, new EnginePersonalData(context.database().jdbi(), store));
        TranscriptRetention retention = new TranscriptRetention(context.database().jdbi(), context.clock(),
                TranscriptRetention.from(context.config()));
        context.every("transcript-retention", TranscriptRetention.FIRST_SWEEP, TranscriptRetention.SWEEP_INTERVAL, retention::sweep);
    }
}
