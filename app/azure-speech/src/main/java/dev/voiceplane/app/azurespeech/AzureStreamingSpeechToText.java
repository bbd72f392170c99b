package dev.voiceplane.app.azurespeech;

import com.microsoft.cognitiveservices.speech.CancellationReason;
import com.microsoft.cognitiveservices.speech.ResultReason;
import com.microsoft.cognitiveservices.speech.SpeechConfig;
import dev.voiceplane.app.core.cloud.RequestCredential;
import com.microsoft.cognitiveservices.speech.SpeechRecognizer;
import com.microsoft.cognitiveservices.speech.audio.AudioConfig;
import com.microsoft.cognitiveservices.speech.audio.AudioStreamFormat;
import com.microsoft.cognitiveservices.speech.audio.PushAudioInputStream;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechToText;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure speech-to-text streamed through the Speech SDK (Maven Central
 * {@code com.microsoft.cognitiveservices.speech:client-sdk}; its jar carries the native library, which
 * loads on this project's Debian base): each utterance is pushed into a continuous recognition
 * while the caller speaks, the service's hypotheses ({@code recognizing}) are the partial results
 * turn detection reads, and the recognized phrases, joined, are the final result once the audio
 * stream is closed (https://learn.microsoft.com/azure/ai-services/speech-service/how-to-recognize-speech).
 *
 * <p>The recognizer connects to the recognition endpoint of {@link SpeechEndpoints} over WebSocket
 * ({@code SpeechConfig.fromEndpoint}: {@code wss://<region>.stt.speech.microsoft.com/...} in Azure, a
 * local stand-in in tests), one connection per utterance, opened when speech starts so the handshake
 * overlaps the caller's words. Verified here only against the stand-in speaking the SDK's protocol:
 * Azure's own segmentation and timing, the TLS handshake's cost, and the wording of its cancellation
 * details could not be checked without an Azure resource.
 */
public final class AzureStreamingSpeechToText implements SpeechToText {

    private static final Logger LOG = LoggerFactory.getLogger(AzureStreamingSpeechToText.class);

    private final URI endpoint;
    private final RequestCredential credential;
    private final String language;

    AzureStreamingSpeechToText(SpeechEndpoints endpoints, RequestCredential credential, String language) {
        String base = endpoints.sttBase().toString().replaceAll("/+$", "").replaceFirst("^http", "ws");
        this.endpoint = URI.create(base + SpeechEndpoints.RECOGNITION_PATH);
        this.credential = credential;
        this.language = language;
    }

    /** The SDK's configuration; the one place the credential is set. */
    private SpeechConfig config() {
        String[] header = credential.headers();
        SpeechConfig config;
        if (header[0].equals("Authorization")) {
            // A Microsoft Entra token: the SDK takes it as the authorization token "aad#<resource id>#<token>",
            // the same value the REST APIs take after "Bearer "
            // (https://learn.microsoft.com/azure/ai-services/speech-service/how-to-configure-azure-ad-auth).
            config = SpeechConfig.fromEndpoint(endpoint);
            config.setAuthorizationToken(header[1].substring("Bearer ".length()));
        } else {
            config = SpeechConfig.fromEndpoint(endpoint, header[1]);
        }
        config.setSpeechRecognitionLanguage(language);
        return config;
    }

    @Override
    public Recognition start(Consumer<String> partial) {
        SpeechConfig config = config();
        // 16 kHz 16-bit little-endian mono PCM, what the pipeline's recognition works on.
        PushAudioInputStream audio = PushAudioInputStream.create(AudioStreamFormat.getWaveFormatPCM(16_000, (short) 16, (short) 1));
        AudioConfig input = AudioConfig.fromStreamInput(audio);
        SpeechRecognizer recognizer = new SpeechRecognizer(config, input);
        StringBuilder phrases = new StringBuilder();
        CompletableFuture<String> done = new CompletableFuture<>();
        recognizer.recognizing.addEventListener((source, event) -> {
            synchronized (phrases) {
                partial.accept((phrases.length() == 0 ? "" : phrases + " ") + event.getResult().getText());
            }
        });
        recognizer.recognized.addEventListener((source, event) -> {
            if (event.getResult().getReason() == ResultReason.RecognizedSpeech && !event.getResult().getText().isBlank()) {
                synchronized (phrases) {
                    phrases.append(phrases.length() == 0 ? "" : " ").append(event.getResult().getText().trim());
                    partial.accept(phrases.toString());
                }
            }
        });
        recognizer.canceled.addEventListener((source, event) -> {
            if (event.getReason() == CancellationReason.Error) {
                // The details name the failure (e.g. an authentication or connection error); they never carry the key.
                done.completeExceptionally(new SpeechException("Azure speech-to-text at " + endpoint.getHost() + " cancelled the recognition: "
                        + event.getErrorCode() + " " + event.getErrorDetails(), false, null));
            } else {
                synchronized (phrases) {
                    done.complete(phrases.toString());
                }
            }
        });
        recognizer.sessionStopped.addEventListener((source, event) -> {
            synchronized (phrases) {
                done.complete(phrases.toString());
            }
        });
        recognizer.startContinuousRecognitionAsync();
        return new Recognition() {
            @Override
            public void accept(byte[] pcm16k) {
                audio.write(pcm16k);
            }

            @Override
            public String finish(Duration timeout) {
                audio.close(); // the end of the utterance: the service finalises what it heard
                try {
                    return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new SpeechException("Azure speech-to-text at " + endpoint.getHost() + " gave no final result within "
                            + timeout.toMillis() + " ms", true, e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof SpeechException s ? s
                            : new SpeechException("Azure speech-to-text failed: " + e.getCause(), false, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SpeechException("interrupted", false, e);
                } finally {
                    close();
                }
            }

            @Override
            public void cancel() {
                audio.close();
                close();
            }

            private void close() {
                // The SDK's stop is a blocking future: released off the pipeline's thread.
                CompletableFuture.runAsync(() -> {
                    try {
                        recognizer.stopContinuousRecognitionAsync().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        LOG.debug("stopping a recognition failed: {}", e.toString());
                    } finally {
                        recognizer.close();
                        input.close();
                        config.close();
                    }
                });
            }
        };
    }
}
