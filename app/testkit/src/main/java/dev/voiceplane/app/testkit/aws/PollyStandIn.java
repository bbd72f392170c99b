package dev.voiceplane.app.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Amazon Polly's {@code POST /v1/speech} (SynthesizeSpeech,
 * https://docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html) for the voices BharatVoice
 * could use: the body names the text, voice, engine, language and output format; the answer is the
 * audio itself with {@code Content-Type} (audio/pcm, audio/mpeg) and {@code x-amzn-RequestCharacters}.
 * PCM is "signed 16-bit, 1 channel (mono), little-endian" at 8000 or 16000 Hz: here a tone of 60 ms
 * per character, so an answer's audio length follows its text. Refusals use Polly's documented
 * errors (EngineNotSupportedException, LanguageNotSupportedException, InvalidSampleRateException,
 * TextLengthExceededException, ValidationException), with the type in {@code x-amzn-ErrorType}.
 */
public final class PollyStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Voice → (engines, languages), from https://docs.aws.amazon.com/polly/latest/dg/available-voices.html. */
    private static final Map<String, Map.Entry<Set<String>, Set<String>>> VOICES = Map.of(
            "Kajal", Map.entry(Set.of("neural", "generative"), Set.of("en-IN", "hi-IN")),
            "Aditi", Map.entry(Set.of("standard"), Set.of("en-IN", "hi-IN")),
            "Raveena", Map.entry(Set.of("standard"), Set.of("en-IN")),
            "Joanna", Map.entry(Set.of("standard", "neural", "generative"), Set.of("en-US")));
    static final int MILLIS_PER_CHARACTER = 60;
    private static final int MAX_CHARACTERS = 3_000;

    /** A request the stand-in answered with audio. */
    public record Synthesis(String text, String voiceId, String engine, String languageCode, String format, int sampleRate) {
    }

    private final List<Synthesis> syntheses = new CopyOnWriteArrayList<>();
    private volatile java.time.Duration perWord = java.time.Duration.ZERO;

    PollyStandIn() {
    }

    /** Each synthesis takes this long per word of its text before it answers (benchmarks). Default 0. */
    public PollyStandIn latencyPerWord(java.time.Duration latency) {
        this.perWord = latency;
        return this;
    }

    /** What was synthesized, in order. */
    public List<Synthesis> syntheses() {
        return List.copyOf(syntheses);
    }

    AwsStandIn.Answer handle(AwsStandIn.Call call) {
        if (!call.method().equals("POST")) {
            return error(405, "ValidationException", "SynthesizeSpeech is POST /v1/speech");
        }
        JsonNode request;
        try {
            request = JSON.readTree(call.body());
        } catch (IOException e) {
            return error(400, "SerializationException", "the request body is not JSON");
        }
        String text = request.path("Text").asText("");
        String voice = request.path("VoiceId").asText("");
        String format = request.path("OutputFormat").asText("");
        String engine = request.path("Engine").asText("standard");
        if (text.isEmpty() || voice.isEmpty() || format.isEmpty()) {
            return error(400, "ValidationException", "Text, VoiceId and OutputFormat are required");
        }
        Map.Entry<Set<String>, Set<String>> known = VOICES.get(voice);
        if (known == null) {
            return error(400, "ValidationException", "1 validation error detected: Value '" + voice + "' at 'voiceId' failed to satisfy constraint");
        }
        if (!known.getKey().contains(engine)) {
            return error(400, "EngineNotSupportedException", "This voice does not support the selected engine: " + engine);
        }
        String language = request.path("LanguageCode").asText(known.getValue().iterator().next());
        if (!known.getValue().contains(language)) {
            return error(400, "LanguageNotSupportedException", "Voice " + voice + " does not support language " + language);
        }
        if (text.length() > MAX_CHARACTERS) {
            return error(400, "TextLengthExceededException", "Maximum text length has been exceeded");
        }
        int rate;
        String contentType;
        byte[] audio;
        switch (format) {
            case "pcm" -> {
                rate = Integer.parseInt(request.path("SampleRate").asText("16000"));
                if (rate != 8_000 && rate != 16_000) {
                    return error(400, "InvalidSampleRateException", "Invalid sample rate " + rate + " for pcm; valid: 8000, 16000");
                }
                contentType = "audio/pcm";
                audio = tone(text.length(), rate);
            }
            case "mp3" -> {
                rate = Integer.parseInt(request.path("SampleRate").asText(engine.equals("standard") ? "22050" : "24000"));
                contentType = "audio/mpeg";
                audio = silentMp3(text.length());
            }
            default -> {
                return error(400, "ValidationException", "OutputFormat " + format + " is not served by this stand-in (pcm, mp3)");
            }
        }
        syntheses.add(new Synthesis(text, voice, engine, language, format, rate));
        if (!perWord.isZero()) {
            AwsStandIn.pause(perWord.multipliedBy(text.trim().split("\\s+").length));
        }
        return new AwsStandIn.Answer(200, Map.of("Content-Type", contentType, "x-amzn-RequestCharacters", Integer.toString(text.length())),
                audio);
    }

    /** A 330 Hz tone, 16-bit little-endian mono, MILLIS_PER_CHARACTER per character. */
    static byte[] tone(int characters, int rate) {
        int samples = characters * MILLIS_PER_CHARACTER * rate / 1000;
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short value = (short) (8_000 * Math.sin(2 * Math.PI * 330 * i / rate));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }

    /** MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes, 26 ms each) of silence. */
    private static byte[] silentMp3(int characters) {
        int frames = Math.max(1, characters * MILLIS_PER_CHARACTER / 26);
        byte[] mp3 = new byte[frames * 417];
        for (int f = 0; f < frames; f++) {
            mp3[f * 417] = (byte) 0xFF;
            mp3[f * 417 + 1] = (byte) 0xFB;
            mp3[f * 417 + 2] = (byte) 0x90;
            mp3[f * 417 + 3] = (byte) 0x64;
        }
        return mp3;
    }

    static AwsStandIn.Answer error(int status, String type, String message) {
        String body = JSON.createObjectNode().put("message", message).toString();
        return new AwsStandIn.Answer(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type + ":"),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
