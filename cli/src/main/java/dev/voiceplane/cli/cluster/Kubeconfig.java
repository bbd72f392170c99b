package dev.voiceplane.cli.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which kubeconfig and context a cluster command uses, checked before anything connects: the file
 * ({@code --kubeconfig}, else the first existing file of {@code $KUBECONFIG}, else
 * {@code ~/.kube/config}) must be YAML, and the context ({@code --context}, else its
 * current-context) must be one it defines, with a cluster that has a server. Nothing falls back to
 * the in-cluster service account unless {@code --in-cluster} asks for it: a command meant for one
 * cluster must never quietly talk to another.
 */
public final class Kubeconfig {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Kubeconfig() {
    }

    /**
     * @throws KubeconfigException naming the file, the line or the context, when there is no usable one
     */
    public static Config load(Path flag, String context, boolean inCluster) {
        if (inCluster) {
            return inCluster(flag, context);
        }
        Path file = flag != null ? flag : defaultFile();
        String text = read(file, flag != null);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String problem = e.getOriginalMessage();
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblem() != null) {
                // SnakeYAML's own message repeats the marks with a caret drawing, which is noise on one line.
                problem = (yaml.getContext() == null ? "" : yaml.getContext() + ": ") + yaml.getProblem();
                line = yaml.getProblemMark() == null ? line : yaml.getProblemMark().getLine() + 1;
            }
            throw new KubeconfigException("kubeconfig " + file + (line > 0 ? ":" + line : "") + ": not valid YAML: "
                    + problem.replace('\n', ' '));
        }
        if (root == null || !root.isObject()) {
            throw new KubeconfigException("kubeconfig " + file + ": not a kubeconfig (expected a mapping with clusters, contexts, users)");
        }
        List<String> contexts = new ArrayList<>();
        root.path("contexts").forEach(c -> contexts.add(c.path("name").asText()));
        String current = root.path("current-context").asText("");
        String wanted = context != null ? context : current;
        String known = contexts.isEmpty() ? "it defines no contexts" : "its contexts are: " + String.join(", ", contexts);
        if (wanted.isEmpty()) {
            throw new KubeconfigException("kubeconfig " + file + " has no current-context and no --context was given; " + known
                    + " (kubectl config use-context <name>, or pass --context)");
        }
        JsonNode entry = null;
        for (JsonNode c : root.path("contexts")) {
            if (wanted.equals(c.path("name").asText())) {
                entry = c;
            }
        }
        if (entry == null) {
            throw new KubeconfigException("kubeconfig " + file + ": no context '" + wanted + "'"
                    + (context != null ? " (from --context)" : " (its current-context)") + "; " + known);
        }
        String clusterName = entry.at("/context/cluster").asText("");
        boolean hasServer = false;
        for (JsonNode c : root.path("clusters")) {
            if (clusterName.equals(c.path("name").asText()) && !c.at("/cluster/server").asText("").isEmpty()) {
                hasServer = true;
            }
        }
        if (!hasServer) {
            throw new KubeconfigException("kubeconfig " + file + ": context '" + wanted + "' names cluster '" + clusterName
                    + "', which it does not define with a server");
        }
        try {
            return Config.fromKubeconfig(wanted, text, file.toString());
        } catch (RuntimeException e) {
            throw new KubeconfigException("kubeconfig " + file + ", context " + wanted + ": " + e.getMessage());
        }
    }

    /** The first file of $KUBECONFIG that exists (kubectl merges them; voiceplane reads one), else ~/.kube/config. */
    private static Path defaultFile() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            for (String part : env.split(File.pathSeparator)) {
                if (!part.isBlank() && Files.exists(Path.of(part))) {
                    return Path.of(part);
                }
            }
            throw new KubeconfigException("no kubeconfig: none of $KUBECONFIG (" + env + ") exists; pass --kubeconfig <file>");
        }
        Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
        if (!Files.exists(home)) {
            throw new KubeconfigException("no kubeconfig: $KUBECONFIG is unset and " + home + " does not exist; pass --kubeconfig <file>, "
                    + "set up kubectl for the cluster, or (in a pod) pass --in-cluster");
        }
        return home;
    }

    private static String read(Path file, boolean fromFlag) {
        String how = fromFlag ? "--kubeconfig " : "kubeconfig ";
        if (Files.isDirectory(file)) {
            throw new KubeconfigException(how + file + ": is a directory, not a kubeconfig file");
        }
        if (!Files.exists(file)) {
            throw new KubeconfigException(how + file + ": no such file");
        }
        try {
            return Files.readString(file);
        } catch (AccessDeniedException e) {
            throw new KubeconfigException(how + file + ": permission denied");
        } catch (IOException e) {
            throw new KubeconfigException(how + file + ": cannot be read: " + e.getMessage());
        }
    }

    /** The pod's service account (https://kubernetes.io/docs/tasks/run-application/access-api-from-pod/), only when asked for. */
    private static Config inCluster(Path flag, String context) {
        if (flag != null || context != null) {
            throw new KubeconfigException("--in-cluster uses the pod's service account; drop --kubeconfig and --context");
        }
        Path token = Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH);
        if (System.getenv("KUBERNETES_SERVICE_HOST") == null || !Files.exists(token)) {
            throw new KubeconfigException("--in-cluster: not in a pod (no KUBERNETES_SERVICE_HOST or no " + token + ")");
        }
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        return Config.autoConfigure(null);
    }
}
