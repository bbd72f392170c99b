package dev.voiceplane.app.realtimeprocessor.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
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

    private final HttpServer server;
    private final String authToken;
    private final List<Update> updates = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Integer> failures = new LinkedBlockingQueue<>();
    private final List<Integer> answered = new CopyOnWriteArrayList<>();

    private TwilioApiStandIn(HttpServer server, String authToken) {
        this.server = server;
        this.authToken = authToken;
    }

    public static TwilioApiStandIn start(String authToken) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TwilioApiStandIn standIn = new TwilioApiStandIn(server, authToken);
            server.createContext("/2010-04-01/", standIn::handle);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public TwilioApiStandIn failingNext(int status) {
        failures.add(status);
        return this;
    }

    public List<Update> updates() {
        return List.copyOf(updates);
    }

    /** Every status answered, in order (failures included). */
    public List<Integer> answered() {
        return List.copyOf(answered);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
                respond(exchange, 404, 20404, "The requested resource was not found");
                return;
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString((path.group(1) + ":" + authToken).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, 20003, "Authenticate");
                return;
            }
            Integer failure = failures.poll();
            if (failure != null) {
                if (failure == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                respond(exchange, failure, failure == 429 ? 20429 : failure == 404 ? 20404 : 20500,
                        failure == 429 ? "Too Many Requests" : failure == 404 ? "Call is not in-progress" : "Internal Server Error");
                return;
            }
            String twiml = null;
            for (String pair : body.split("&")) {
                if (pair.startsWith("Twiml=")) {
                    twiml = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                }
            }
            if (twiml == null) {
                respond(exchange, 400, 21220, "Invalid parameter: Twiml or Url is required");
                return;
            }
            updates.add(new Update(path.group(1), path.group(2), twiml));
            answered.add(200);
            byte[] bytes = ("{\"sid\":\"" + path.group(2) + "\",\"status\":\"in-progress\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void respond(HttpExchange exchange, int status, int code, String message) throws IOException {
        answered.add(status);
        byte[] bytes = ("{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
