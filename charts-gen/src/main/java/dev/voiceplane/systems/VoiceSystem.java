package dev.voiceplane.systems;

import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.ComponentCharts;

/** A deployable system: composes constructs into a stack's charts and holds no Kubernetes detail itself. */
public interface VoiceSystem {

    /** Adds every object of the system to the charts. */
    void compose(ComponentCharts charts);

    /** The system a stack names. */
    static VoiceSystem of(SystemName name) {
        return switch (name) {
            case AI_NINJA -> new AiNinja();
            case BHARATVOICE -> new BharatVoice();
        };
    }
}
