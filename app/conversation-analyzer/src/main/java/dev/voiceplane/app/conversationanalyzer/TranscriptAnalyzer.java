package dev.voiceplane.app.conversationanalyzer;

import java.util.List;

/** Turns a transcript into {@link Findings}: {@link OfflineAnalyzer} (default) or {@link AzureOpenAiAnalyzer}. */
public interface TranscriptAnalyzer {

    /** Short name stored with each analysis and used in metrics. */
    String name();

    /** Throws a runtime exception when it cannot analyse (the offline analyzer then does). */
    Findings analyze(List<Utterance> transcript);
}
