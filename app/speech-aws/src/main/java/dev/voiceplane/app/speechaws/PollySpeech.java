package dev.voiceplane.app.speechaws;

import dev.voiceplane.app.speech.MuLaw;
import dev.voiceplane.app.speech.Pcm;
import dev.voiceplane.app.speech.Pcm16kConverter;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.TextToSpeech;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.model.OutputFormat;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechResponse;
import software.amazon.awssdk.services.polly.model.TextType;

/**
 * Amazon Polly SynthesizeSpeech (https://docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html)
 * for one voice: {@code pcm} output, "signed 16-bit, 1 channel (mono), little-endian", handed on as
 * the response streams in. Polly makes {@code pcm} at 8000 or 16000 Hz only (SampleRate in the API
 * reference above, and https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/polly/aws.sdk.kotlin.services.polly.model/-synthesize-speech-request/sample-rate.html;
 * 22050 Hz and up are mp3's and ogg_vorbis', which would need a decoder here): the telephone's
 * μ-law is encoded from 8000 Hz, and 24 kHz (ACS) is interpolated from 16000 Hz by a
 * {@link Pcm16kConverter}, so the audio is always at the rate its format names.
 * Sentences are short; Polly's own bound is 3000 billed characters per request.
 */
final class PollySpeech implements TextToSpeech {

    /** SynthesizeSpeech's limit on billed characters (https://docs.aws.amazon.com/polly/latest/dg/limits.html). */
    static final int MAX_CHARACTERS = 3_000;

    private final PollyClient polly;
    private final AwsVoiceLanguages.PollyVoice voice;

    PollySpeech(PollyClient polly, AwsVoiceLanguages.PollyVoice voice) {
        this.polly = polly;
        this.voice = voice;
    }

    @Override
    public void speak(String sentence, SpeechFormat format, AudioSink sink, Duration timeout) {
        if (sentence.length() > MAX_CHARACTERS) {
            throw new dev.voiceplane.app.speech.SpeechRefusedException("a sentence of " + sentence.length()
                    + " characters is more than Polly's " + MAX_CHARACTERS);
        }
        String rate = format == SpeechFormat.MULAW_8K ? "8000" : "16000"; // the only two pcm rates Polly accepts
        try (ResponseInputStream<SynthesizeSpeechResponse> audio = polly.synthesizeSpeech(r -> r
                .text(sentence).textType(TextType.TEXT)
                .voiceId(voice.voiceId()).engine(voice.engine()).languageCode(voice.languageCode())
                .outputFormat(OutputFormat.PCM).sampleRate(rate)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout)))) {
            pump(audio, format, sink);
        } catch (SdkException e) {
            throw AwsFailures.of("Amazon Polly SynthesizeSpeech (" + voice.voiceId() + ", " + voice.languageCode() + ")", e);
        } catch (IOException e) {
            throw new SpeechException("Amazon Polly's audio stream broke off: " + e.getMessage(), false, e);
        }
    }

    private static void pump(InputStream audio, SpeechFormat format, AudioSink sink) throws IOException {
        Pcm16kConverter from16k = format == SpeechFormat.MULAW_8K ? null : new Pcm16kConverter(format);
        byte[] buffer = new byte[8_192];
        int carried = 0; // an odd byte left from the last read: samples are two bytes
        int read;
        while ((read = audio.read(buffer, carried, buffer.length - carried)) != -1) {
            int length = carried + read;
            int whole = length & ~1;
            byte[] out = from16k == null ? muLaw(buffer, whole) : from16k.push(buffer, 0, whole);
            if (out.length > 0 && !sink.accept(out, 0, out.length)) {
                return;
            }
            carried = length - whole;
            if (carried == 1) {
                buffer[0] = buffer[whole];
            }
        }
        byte[] rest = from16k == null ? new byte[0] : from16k.finish();
        if (rest.length > 0) {
            sink.accept(rest, 0, rest.length);
        }
    }

    private static byte[] muLaw(byte[] pcm, int length) {
        short[] samples = Pcm.samples(java.util.Arrays.copyOf(pcm, length));
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = MuLaw.encode(samples[i]);
        }
        return out;
    }
}
