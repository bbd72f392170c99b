package dev.voiceplane.app.realtimeprocessor.testing;

import dev.voiceplane.app.testkit.StubService;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Twilio's REST API call update
 * (https://www.twilio.com/docs/voice/api/call-resource#update-a-call-resource): {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json} with HTTP Basic auth (the account SID and
 * the auth token; 401 with Twilio's error 20003 otherwise) and a form body whose {@code Twiml} it
 * records. {@link #failingNext} answers the next update with a status instead, as Twilio does: 429
 * (error 20429, with {@code Retry-After: 1}), 404 (error 20404, the call is not in progress) or 500.
 */
public final class TwilioApiStandIn implements AutoCloseable {

    /** One call update Twilio accepted. */
    public record Update(String accountSid, String callSid, String twiml) {
    }

    private static final Pattern PATH = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Calls/(CA[0-9a-f]{32})\\.json");

    private final StubService http;
    private final List<Update> updates = new CopyOnWriteArrayList<>();

    private TwilioApiStandIn(String authToken) {
        this.http = StubService.start().guardedBy(request -> basicAuthOfTheAccount(request, authToken))
                .answer("POST", "/2010-04-01/", this::updateCall);
    }

    public static TwilioApiStandIn start(String authToken) {
        return new TwilioApiStandIn(authToken);
    }

    public URI url() {
        return URI.create(http.url());
    }

    public TwilioApiStandIn failingNext(int status) {
        StubService.Answer failure = error(status, status == 429 ? 20429 : status == 404 ? 20404 : 20500,
                status == 429 ? "Too Many Requests" : status == 404 ? "Call is not in-progress" : "Internal Server Error");
        http.failingNext(status == 429 ? failure.withHeader("Retry-After", "1") : failure);
        return this;
    }

    public List<Update> updates() {
        return List.copyOf(updates);
    }

    /** Every status answered, in order (failures included). */
    public List<Integer> answered() {
        return http.statuses();
    }

    /**
     * Twilio's HTTP Basic authentication: the account SID the path names, with the auth token. A path
     * that names no call resource is 404 before any credential is looked at, as the account is unknown.
     */
    private static Optional<StubService.Answer> basicAuthOfTheAccount(StubService.Request request, String authToken) {
        Matcher path = PATH.matcher(request.path());
        if (!request.method().equals("POST") || !path.matches()) {
            return Optional.of(error(404, 20404, "The requested resource was not found"));
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((path.group(1) + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        return expected.equals(request.authorization()) ? Optional.empty() : Optional.of(error(401, 20003, "Authenticate"));
    }

    private StubService.Answer updateCall(StubService.Request request) {
        Matcher path = PATH.matcher(request.path());
        path.matches(); // the gate let through only paths that match
        String twiml = null;
        for (String pair : request.body().split("&")) {
            if (pair.startsWith("Twiml=")) {
                twiml = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        if (twiml == null) {
            return error(400, 21220, "Invalid parameter: Twiml or Url is required");
        }
        updates.add(new Update(path.group(1), path.group(2), twiml));
        return StubService.json(200, "{\"sid\":\"" + path.group(2) + "\",\"status\":\"in-progress\"}");
    }

    private static StubService.Answer error(int status, int code, String message) {
        return StubService.json(status, "{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":" + status + "}");
    }

    @Override
    public void close() {
        http.close();
    }
}
