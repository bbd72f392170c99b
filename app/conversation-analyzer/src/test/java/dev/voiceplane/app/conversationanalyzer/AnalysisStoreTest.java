package dev.voiceplane.app.conversationanalyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.telephony.SpamCategory;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The report outbox's rows, with fixed clocks (this class's own database, so the service's gauges elsewhere are not disturbed). */
class AnalysisStoreTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("conversation-analyzer", ConversationAnalyzerModule::new);

    /** Far ahead of the wall clock, so the running service's own retry task never sees these rows due. */
    static final Instant STORED = Instant.parse("2040-01-01T00:00:00Z");

    /**
     * Issue 10: the request that stored an analysis and the retry task both reported it, and a
     * refused report was dead-lettered and counted twice. The row is the request's until the lease
     * passes; then (the request crashed before reporting) the task takes it.
     */
    @Test
    void aNewAnalysisIsLeftToItsRequestUntilTheFirstAttemptLeasePasses() {
        store(STORED).insert(new AnalysisRequest("lease-1", "user-1", "+4930900001", STORED, 30, Outcome.AI_HANDLED,
                List.of(new Utterance(Utterance.Speaker.CALLER, "hello")), true),
                new Findings("a call", Sentiment.NEUTRAL, 0.0, SpamCategory.NONE, 0.8), "offline");

        assertThat(store(STORED).unreported(50)).extracting(Analysis::callId).doesNotContain("lease-1");
        assertThat(store(STORED.plus(OutcomeReporter.FIRST_ATTEMPT_LEASE).minusSeconds(1)).unreported(50)).isEmpty();
        assertThat(store(STORED.plus(OutcomeReporter.FIRST_ATTEMPT_LEASE)).unreported(50)).extracting(Analysis::callId)
                .containsExactly("lease-1");
    }

    private static AnalysisStore store(Instant now) {
        Jdbi jdbi = SERVICE.runtime().context().database().jdbi();
        return new AnalysisStore(jdbi, Clock.fixed(now, ZoneOffset.UTC));
    }
}
