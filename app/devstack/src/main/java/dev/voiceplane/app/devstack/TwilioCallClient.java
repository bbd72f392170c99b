package dev.voiceplane.app.devstack;

import dev.voiceplane.app.realtimeprocessor.testing.TwilioCaller;
import dev.voiceplane.app.speech.Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Places a phone call to the local run as Twilio would: the signed voice webhook, then the Media
 * Stream, playing a WAV file (16-bit mono PCM, 8 or 16 kHz) as the caller in real time, then a
 * second of silence; it waits until the reply has played (Twilio's mark), saves the answer audio as
 * a 16 kHz WAV file and hangs up.
 *
 * <pre>
 * mvn -B -q -pl app/devstack exec:java -Dexec.mainClass=dev.voiceplane.app.devstack.TwilioCallClient \
 *     -Dexec.args="--wav question.wav --out answer.wav"
 *   options: --url http://127.0.0.1:3002  --user user-1  --from +4930123456  --auth-token local-twilio-auth-token
 * </pre>
 *
 * Exit codes: 0 answered, 1 the call was refused or not answered, 2 bad arguments or input file.
 */
public final class TwilioCallClient {

    private TwilioCallClient() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--url", "http://127.0.0.1:3002", "--user", "user-1",
                "--from", "+4930123456", "--auth-token", LocalTelephony.TWILIO_AUTH_TOKEN));
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("unexpected argument '" + args[i] + "'");
            }
            options.put(args[i], args[++i]);
        }
        if (!options.containsKey("--wav") || !options.containsKey("--out")) {
            usage("--wav and --out are required");
        }
        byte[] speech;
        try {
            speech = Wav.read(Files.readAllBytes(Path.of(options.get("--wav"))));
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("--wav " + options.get("--wav") + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        try (TwilioCaller call = TwilioCaller.dial(options.get("--url"), options.get("--auth-token"), options.get("--user"),
                options.get("--from"), "CA" + Long.toHexString(System.nanoTime()))) {
            call.say(speech, true);
            call.speechEnded();
            call.say(new byte[32_000], true); // a second of silence: the caller waits for the answer
            call.next("mark");
            byte[] answer = call.answerPcm16k();
            Files.write(Path.of(options.get("--out")), Wav.of(answer));
            System.out.printf("answered: %.1f s of audio in %s, first audio %d ms after the caller stopped%n", answer.length / 32_000.0,
                    options.get("--out"), call.firstAudioLatencies().isEmpty() ? -1 : call.firstAudioLatencies().get(0) / 1_000_000);
        } catch (TwilioCaller.Refused refused) {
            System.err.println("the call was not connected: " + refused.getMessage());
            System.exit(1);
        } catch (AssertionError notAnswered) {
            System.err.println("the call was not answered: " + notAnswered.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: TwilioCallClient --wav <in.wav> --out <answer.wav> [--url http://127.0.0.1:3002] [--user user-1] "
                + "[--from +4930123456] [--auth-token <token>]");
        System.exit(2);
    }
}
