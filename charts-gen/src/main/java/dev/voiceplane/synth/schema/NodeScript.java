package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the checks of {@code schema-models/checks.mjs} on the local Node.js: JSON in, JSON out. One Node
 * process ({@code serve.mjs}) per models directory serves every batch of this JVM, one request line and one
 * answer line each, so validating several stacks starts Node and loads the models once. It ends when the JVM
 * does (its stdin closes). The npm packages are installed by the build ({@code install.mjs}).
 */
final class NodeScript {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, Server> SERVERS = new HashMap<>();

    private NodeScript() {
    }

    /**
     * @param check {@code validate} (objects against their models) or {@code promql} (expressions against the grammar)
     */
    static JsonNode run(Path directory, String check, JsonNode input) {
        return server(directory).ask(check, input);
    }

    /** Starts the directory's Node process now, so it loads while the caller does other work (e.g. synthesizes). */
    static void warmUp(Path directory) {
        server(directory).warmUp();
    }

    private static Server server(Path directory) {
        if (!Files.isDirectory(directory.resolve("node_modules"))) {
            throw new SchemaModelsMissingException(List.of(directory.toAbsolutePath()));
        }
        synchronized (SERVERS) {
            return SERVERS.computeIfAbsent(directory.toAbsolutePath().normalize(), Server::new);
        }
    }

    /** One {@code node serve.mjs} and its pipes; requests are answered in order, one at a time. */
    private static final class Server {
        private final Path directory;
        private Process node;
        private BufferedWriter in;
        private BufferedReader out;

        Server(Path directory) {
            this.directory = directory;
        }

        synchronized void warmUp() {
            try {
                if (node == null || !node.isAlive()) {
                    start();
                }
            } catch (IOException e) {
                node = null; // ask() reports it, when a check needs Node
            }
        }

        synchronized JsonNode ask(String check, JsonNode input) {
            try {
                if (node == null || !node.isAlive()) {
                    start();
                }
                in.write(JSON.writeValueAsString(JSON.createObjectNode().put("check", check).set("input", input)));
                in.write('\n');
                in.flush();
                String line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException("node serve.mjs in " + directory + " ended without answering (exit code "
                            + (node.isAlive() ? "none yet" : node.exitValue()) + ")");
                }
                JsonNode answer = JSON.readTree(line);
                if (answer.has("error")) {
                    throw new IllegalStateException("node serve.mjs failed on a " + check + " batch: " + answer.path("error").asText());
                }
                return answer.path("result");
            } catch (IOException e) {
                node = null;
                throw new IllegalStateException("cannot run node serve.mjs in " + directory + ": " + e.getMessage(), e);
            }
        }

        private void start() throws IOException {
            node = new ProcessBuilder("node", directory.resolve("serve.mjs").toString())
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            in = new BufferedWriter(new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8));
            out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
