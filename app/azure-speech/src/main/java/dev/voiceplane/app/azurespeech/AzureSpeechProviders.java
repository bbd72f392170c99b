package dev.voiceplane.app.azurespeech;

import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.SpeechToText;
import dev.voiceplane.app.speech.TextToSpeech;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

/**
 * Azure Speech behind the streaming provider interfaces, over the REST APIs the client speaks.
 * Speech-to-text for short audio takes a whole utterance (no partial results: the audio is
 * buffered while the caller speaks and sent when the utterance ends); text-to-speech answers a
 * sentence's audio in one body, forwarded as soon as it arrives. Streaming recognition with
 * partial results is {@link AzureSpeechClient#streamingSpeechToText()} (the Speech SDK).
 */
public final class AzureSpeechProviders {

    private AzureSpeechProviders() {
    }

    public static SpeechToText speechToText(AzureSpeechClient client) {
        return partial -> new SpeechToText.Recognition() {
            private final ByteArrayOutputStream audio = new ByteArrayOutputStream();

            @Override
            public synchronized void accept(byte[] pcm16k) {
                audio.writeBytes(pcm16k);
            }

            @Override
            public String finish(Duration timeout) {
                byte[] pcm;
                synchronized (this) {
                    pcm = audio.toByteArray();
                }
                Recognition result = client.recognize(pcm, timeout);
                String text = result.heard() ? result.text() : "";
                if (!text.isEmpty()) {
                    partial.accept(text);
                }
                return text;
            }

            @Override
            public synchronized void cancel() {
                audio.reset();
            }
        };
    }

    public static TextToSpeech textToSpeech(AzureSpeechClient client) {
        return (String sentence, SpeechFormat format, TextToSpeech.AudioSink sink, Duration timeout) -> {
            byte[] audio = client.synthesize(sentence, format, timeout);
            sink.accept(audio, 0, audio.length);
        };
    }

}
