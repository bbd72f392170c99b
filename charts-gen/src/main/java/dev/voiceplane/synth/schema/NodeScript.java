package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the scripts in {@code schema-models/} on the local Node.js: JSON in on stdin, JSON
 * out on stdout. The npm packages they use are installed there by the build ({@code install.mjs}).
 */
final class NodeScript {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeScript() {
    }

    static JsonNode run(Path directory, String script, JsonNode input) {
        if (!Files.isDirectory(directory.resolve("node_modules"))) {
            throw new SchemaModelsMissingException(java.util.List.of(directory.toAbsolutePath()));
        }
        try {
            Process node = new ProcessBuilder("node", directory.resolve(script).toString())
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (OutputStream in = node.getOutputStream()) {
                JSON.writeValue(in, input);
            }
            JsonNode output = JSON.readTree(node.getInputStream());
            if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new IllegalStateException("node " + script + " failed with exit code " + node.exitValue());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }
}
