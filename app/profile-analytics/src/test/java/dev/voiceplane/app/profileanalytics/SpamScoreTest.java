package dev.voiceplane.app.profileanalytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpamScoreTest {

    @Test
    void aNumberNobodyComplainsAboutIsClean() {
        assertThat(SpamScore.of(50, 0, 0, 10, 0, 1)).isEqualTo(0.025);
        assertThat(SpamScore.of(0, 0, 0, 0, 0, 0)).isZero();
    }

    @Test
    void classificationAloneSendsToScreeningButWithReportsItBlocks() {
        assertThat(SpamScore.of(10, 10, 0, 10, 0, 0)).isEqualTo(0.7);
        assertThat(SpamScore.of(10, 10, 0, 10, 10, 0)).isEqualTo(0.88);
    }

    @Test
    void theScoreNeverExceedsOne() {
        assertThat(SpamScore.of(100, 100, 100, 5, 50, 500)).isLessThanOrEqualTo(1.0).isGreaterThan(0.9);
    }
}
