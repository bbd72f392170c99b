package dev.voiceplane.app.bharatvoice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.speechaws.AwsVoice;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.SystemName;
import org.junit.jupiter.api.Test;

/**
 * The worker names its Transcribe jobs and media keys as infra's IAM policy and lifecycle rule expect
 * (infra's NamesAgreeTest pins the policy to the same {@link Names}): a job named otherwise is refused
 * with AccessDenied in production, a key elsewhere outlives the one-day expiry.
 */
class VoiceProvidersTest {

    @Test
    void theAwsProviderNamesJobsAndMediaWhereInfraAdmitsThem() {
        try (AwsVoice voice = VoiceProviders.aws("ap-south-1", "bharatvoice-production-voice-media").build()) {
            assertThat(voice.jobPrefix()).isEqualTo(Names.of(SystemName.BHARATVOICE).transcriptionJobPrefix()).isEqualTo("bharatvoice-");
            assertThat(voice.mediaPrefix()).isEqualTo(Names.VOICE_MEDIA_PREFIX);
        }
    }
}
