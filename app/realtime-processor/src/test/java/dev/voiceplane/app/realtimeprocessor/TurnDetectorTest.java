package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TurnDetectorTest {

    static final Duration CONFIGURED = Duration.ofMillis(500);

    @Test
    void completeWordsEndTheTurnSoonerAndATrailingConjunctionOrFillerWaitsLonger() {
        assertThat(TurnDetector.silence("I would like to speak to Anna.", CONFIGURED)).isEqualTo(TurnDetector.COMPLETE);
        assertThat(TurnDetector.silence("okay thank you", CONFIGURED)).isEqualTo(TurnDetector.COMPLETE);
        assertThat(TurnDetector.silence("I need the invoice and", CONFIGURED)).isEqualTo(TurnDetector.UNFINISHED);
        assertThat(TurnDetector.silence("mera naam Ravi hai aur umm", CONFIGURED)).isEqualTo(TurnDetector.UNFINISHED);
        assertThat(TurnDetector.silence("haan", CONFIGURED)).isEqualTo(TurnDetector.UNFINISHED);
        assertThat(TurnDetector.silence("I would like to speak to Anna", CONFIGURED)).isEqualTo(TurnDetector.LIKELY_COMPLETE);
        assertThat(TurnDetector.silence("speak to Anna", Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300)); // never longer than configured
        assertThat(TurnDetector.silence("Anna please", CONFIGURED)).isEqualTo(CONFIGURED);
        assertThat(TurnDetector.silence(null, CONFIGURED)).isEqualTo(CONFIGURED);
        assertThat(TurnDetector.silence("  ", CONFIGURED)).isEqualTo(CONFIGURED);
    }

    @Test
    void aReplyMayStartEarlyOnlyOnWordsThatLookComplete() {
        assertThat(TurnDetector.looksComplete("hello i would like to speak to anna about tomorrow")).isTrue();
        assertThat(TurnDetector.looksComplete("Thank you")).isTrue();
        assertThat(TurnDetector.looksComplete("hello i would like to speak to anna about")).isFalse();
        assertThat(TurnDetector.looksComplete("I need the invoice and")).isFalse();
        assertThat(TurnDetector.looksComplete("hello anna")).isFalse();
        assertThat(TurnDetector.looksComplete(null)).isFalse();
    }

    @Test
    void aBackchannelIsOneOrTwoListeningWordsNotATurn() {
        assertThat(TurnDetector.backchannel("umm")).isTrue();
        assertThat(TurnDetector.backchannel("Haan ji")).isTrue();
        assertThat(TurnDetector.backchannel("okay.")).isTrue();
        assertThat(TurnDetector.backchannel("okay, put me through")).isFalse();
        assertThat(TurnDetector.backchannel("stop")).isFalse();
        assertThat(TurnDetector.backchannel("")).isFalse();
    }
}
