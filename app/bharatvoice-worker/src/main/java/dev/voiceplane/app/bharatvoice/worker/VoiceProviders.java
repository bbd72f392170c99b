package dev.voiceplane.app.bharatvoice.worker;

import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.speech.VoiceProvider;
import dev.voiceplane.app.speech.offline.OfflineSpeech;
import dev.voiceplane.app.speech.offline.OfflineVoice;
import dev.voiceplane.app.speechaws.AwsVoice;
import dev.voiceplane.app.speechaws.AwsVoiceLanguages;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.SystemName;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The speech provider {@code SPEECH_PROVIDER} names, and the voice languages it is asked to serve:
 * a language in {@code VOICE_LANGUAGES} the provider cannot both hear and speak stops the worker at
 * start-up (exit 2) with a message naming each such language and why, instead of failing every
 * query in it later.
 */
final class VoiceProviders {

    static final String AWS = "aws";
    static final String OFFLINE = "offline";

    private VoiceProviders() {
    }

    /**
     * The AWS provider as the worker runs it: media under the prefix infra's lifecycle rule expires, jobs under
     * the names its IAM policy admits (both {@link Names}).
     */
    static AwsVoice.Builder aws(String region, String bucket) {
        return AwsVoice.builder(region, bucket).prefix(Names.VOICE_MEDIA_PREFIX)
                .jobPrefix(Names.of(SystemName.BHARATVOICE).transcriptionJobPrefix());
    }

    /** The provider the configuration names; AWS credentials come from the SDK's default chain (IRSA in the pod). */
    static VoiceProvider fromConfig(ServiceConfig config) {
        String provider = config.optional(Env.SPEECH_PROVIDER).filter(v -> !v.isBlank()).orElse(OFFLINE).trim();
        return switch (provider) {
            case OFFLINE -> {
                // Models load in the background from start-up (seconds each, far more on a busy node), so the
                // first voice query's transcribe timeout is spent decoding, not loading; queries meanwhile wait.
                OfflineSpeech.warmUp();
                yield OfflineVoice.shared();
            }
            case AWS -> {
                String region = config.optional(Env.SPEECH_AWS_REGION).filter(v -> !v.isBlank()).orElseThrow(() ->
                        new ConfigException("environment variable " + Env.SPEECH_AWS_REGION + " is required with " + Env.SPEECH_PROVIDER + "=aws"));
                String bucket = config.optional(Env.SPEECH_MEDIA_BUCKET).filter(v -> !v.isBlank()).orElseThrow(() ->
                        new ConfigException("environment variable " + Env.SPEECH_MEDIA_BUCKET + " is required with " + Env.SPEECH_PROVIDER + "=aws"));
                try {
                    yield aws(region.trim(), bucket.trim()).build();
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("environment variables " + Env.SPEECH_AWS_REGION + "/" + Env.SPEECH_MEDIA_BUCKET + ": " + e.getMessage());
                }
            }
            default -> throw new ConfigException("environment variable " + Env.SPEECH_PROVIDER + "='" + provider + "' must be aws or offline");
        };
    }

    /** {@code VOICE_LANGUAGES} as a list; empty means English. */
    static List<String> voiceLanguages(ServiceConfig config) {
        String raw = config.optional(Env.VOICE_LANGUAGES).filter(v -> !v.isBlank()).orElse("en");
        List<String> languages = Arrays.stream(raw.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .distinct().toList();
        if (languages.stream().anyMatch(l -> !l.matches("[a-z]{2}"))) {
            throw new ConfigException("environment variable " + Env.VOICE_LANGUAGES + "='" + raw + "' must list ISO 639-1 codes such as en,hi");
        }
        return languages;
    }

    /** Refuses the voice languages {@code voice} cannot serve, naming each and why. */
    static void requireSupported(VoiceProvider voice, List<String> languages) {
        List<String> unsupported = voice.unsupported(languages);
        if (unsupported.isEmpty()) {
            return;
        }
        Function<String, String> why = voice.name().equals(AWS)
                ? l -> AwsVoiceLanguages.whyNot(l).orElse(l)
                : l -> l + ": the " + voice.name() + " engines hear and speak " + voice.languages() + " only";
        throw new ConfigException("environment variable " + Env.VOICE_LANGUAGES + " lists " + unsupported + ", which the "
                + voice.name() + " speech provider cannot serve by voice (" + String.join("; ", unsupported.stream().map(why).toList())
                + "); it serves " + voice.languages() + ". Leave them in SUPPORTED_LANGUAGES for text queries and out of "
                + Env.VOICE_LANGUAGES);
    }
}
