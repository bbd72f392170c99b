package dev.voiceplane.app.bharatvoice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theWaitDoublesWithEachAttemptUpToFiveMinutes() {
        Backoff backoff = Backoff.DEFAULT;
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.after(30)).isEqualTo(Backoff.MAX);
    }

    @Test
    void aNonWavUploadIsVerifiedWithoutAFormat() {
        assertThat(UploadCheck.wavInfo(new byte[44], 44)).containsEntry("format", "unknown");
    }
}
