package dev.voiceplane.app.azurespeech;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the two REST APIs of a Speech resource live. Public Azure derives both from the region
 * ({@code https://<region>.stt.speech.microsoft.com}, {@code https://<region>.tts.speech.microsoft.com});
 * anything else (a local stand-in, a private endpoint) is given as two base URLs.
 *
 * @param sttBase base URL of speech-to-text, without a path
 * @param ttsBase base URL of text-to-speech, without a path
 */
public record SpeechEndpoints(URI sttBase, URI ttsBase) {

    static final String RECOGNITION_PATH = "/speech/recognition/conversation/cognitiveservices/v1";
    static final String SYNTHESIS_PATH = "/cognitiveservices/v1";
    private static final Pattern REGION = Pattern.compile("[a-z0-9]{2,40}");

    public SpeechEndpoints {
        Objects.requireNonNull(sttBase, "sttBase");
        Objects.requireNonNull(ttsBase, "ttsBase");
    }

    /** The public endpoints of a region such as {@code westeurope}; null when the name cannot be a region. */
    public static SpeechEndpoints ofRegion(String region) {
        String name = region.trim().toLowerCase(java.util.Locale.ROOT);
        if (!REGION.matcher(name).matches()) {
            return null;
        }
        return new SpeechEndpoints(URI.create("https://" + name + ".stt.speech.microsoft.com"),
                URI.create("https://" + name + ".tts.speech.microsoft.com"));
    }

    URI recognition(String language) {
        return URI.create(sttBase.toString().replaceAll("/+$", "") + RECOGNITION_PATH + "?language="
                + java.net.URLEncoder.encode(language, java.nio.charset.StandardCharsets.UTF_8) + "&format=detailed");
    }

    URI synthesis() {
        return URI.create(ttsBase.toString().replaceAll("/+$", "") + SYNTHESIS_PATH);
    }
}
