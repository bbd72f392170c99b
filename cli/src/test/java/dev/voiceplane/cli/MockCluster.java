package dev.voiceplane.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's mock API server in CRUD mode, reached by the CLI through a real kubeconfig file, as a
 * user's cluster would be.
 *
 * <p>CRUD mode answers server-side apply (PATCH, application/apply-patch+yaml) with 415. So that the
 * commands built on it can be tested end to end, this fixture stands in for the API server's
 * apply: it records each apply request exactly as the client sent it (tests assert content type,
 * fieldManager and body), then stores the body as the object — a create when it does not exist, a
 * replace when it does. That is apply's result for objects one manager owns entirely, which is what
 * these tests make; field ownership between managers is the real API server's and is not emulated.
 */
final class MockCluster implements AutoCloseable {
    /** An apply request as the client sent it. */
    record Apply(String path, String contentType, String body) {
    }

    private final List<Apply> applies = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ApplyingDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    /** A kubeconfig in {@code dir} whose current context points at this server. */
    Path kubeconfig(Path dir) throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, kubeconfig("http://localhost:" + server.getPort()));
        return file;
    }

    /** A kubeconfig naming a context {@code test} for {@code url}. */
    static String kubeconfig(String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                contexts:
                - name: test
                  context:
                    cluster: test
                    user: test
                    namespace: default
                current-context: test
                users:
                - name: test
                  user:
                    token: not-a-secret
                """.formatted(url);
    }

    KubernetesClient client() {
        return client;
    }

    List<Apply> applies() {
        return applies;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private final class ApplyingDispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            String contentType = request.getHeader("Content-Type");
            if (contentType == null || !contentType.startsWith("application/apply-patch+yaml")) {
                return super.handlePatch(request);
            }
            String body = request.getUtf8Body();
            applies.add(new Apply(request.getPath(), contentType, body));
            String path = request.getPath();
            String item = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            Headers json = Headers.builder().add("Content-Type", "application/json").build();
            Buffer content = new Buffer(body.getBytes(StandardCharsets.UTF_8));
            if (handleGet(item).code() == 404) {
                String collection = item.substring(0, item.lastIndexOf('/'));
                return handleCreate(new RecordedRequest("HTTP/1.1", HttpMethod.POST, collection, json, content));
            }
            return handleUpdate(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, item, json, content));
        }
    }
}
