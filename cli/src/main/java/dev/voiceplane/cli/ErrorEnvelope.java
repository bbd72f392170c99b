package dev.voiceplane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.ConfigProblem;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one shape of an error on stdout under {@code --output json}, the same for every verb:
 * <pre>
 * {"error": {"command": "apply", "exitCode": 2, "kind": "bad-input", "message": "...",
 *            "problems": [{"file": "stacks/Pulumi.x.yaml", "line": 4, "key": "voiceplane:replicas.min", "message": "..."}]}}
 * </pre>
 * {@code kind} names the error whatever its exit code (diff makes every error 1).
 */
final class ErrorEnvelope {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorEnvelope() {
    }

    /** The kind of an error by the exit code the general scheme gives it. */
    static String kind(int code) {
        return switch (code) {
            case ExitCode.BAD_INPUT -> "bad-input";
            case ExitCode.UNEXPECTED_STATE -> "unexpected-state";
            case ExitCode.INTERNAL_ERROR -> "internal";
            case ExitCode.UNREACHABLE -> "unreachable";
            default -> "failure";
        };
    }

    static String of(String command, int exitCode, int generalCode, String message, List<ConfigProblem> problems) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode body = error.putObject("error");
        body.put("command", command).put("exitCode", exitCode).put("kind", kind(generalCode)).put("message", message);
        ArrayNode list = body.putArray("problems");
        for (ConfigProblem p : problems) {
            ObjectNode item = list.addObject().put("file", p.file());
            if (p.line() > 0) {
                item.put("line", p.line());
            } else {
                item.putNull("line");
            }
            item.put("key", p.key()).put("message", p.message());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
