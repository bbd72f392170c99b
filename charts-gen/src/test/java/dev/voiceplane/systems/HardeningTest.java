package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.objects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Hardening;
import dev.voiceplane.charts.monitoring.HardenedWorkload;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every workload of every stack is hardened, or says on itself why it cannot be. */
class HardeningTest {
    private static final Map<String, String> POD_TEMPLATE = Map.of(
            "Deployment", "/spec/template", "StatefulSet", "/spec/template", "DaemonSet", "/spec/template",
            "Job", "/spec/template", "CronJob", "/spec/jobTemplate/spec/template");

    @Test
    void theExceptionAnnotationIsOneNameEverywhere() {
        assertThat(Hardening.EXCEPTION).isEqualTo(HardenedWorkload.HARDENING_EXCEPTION);
    }

    /**
     * Containers a mesh injects ({@code istio-proxy}, {@code istio-validation}) are not in our
     * templates, so only the pod-level security context reaches them; the restricted Pod Security
     * Standard refuses a pod where any container lacks a seccomp profile or may run as root
     * (https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted).
     */
    @Test
    void everyHardenedPodSetsSeccompAndNonRootAtPodLevelSoInjectedContainersInheritThem() {
        List<String> problems = new ArrayList<>();
        for (String stack : Testing.stacks().names()) {
            for (ObjectNode o : objects(stack)) {
                String kind = o.path("kind").asText();
                if (!POD_TEMPLATE.containsKey(kind) || o.at("/metadata/annotations").has(Hardening.EXCEPTION)) {
                    continue;
                }
                JsonNode pod = o.at(POD_TEMPLATE.get(kind) + "/spec/securityContext");
                String id = stack + " " + kind + "/" + o.at("/metadata/name").asText();
                if (!pod.at("/seccompProfile/type").asText().equals("RuntimeDefault")) {
                    problems.add(id + ": no RuntimeDefault seccomp profile at pod level");
                }
                if (!pod.path("runAsNonRoot").asBoolean()) {
                    problems.add(id + ": runAsNonRoot not set at pod level");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A floating tag ({@code 15-alpine}) pulls a different image on each node and after each rebuild,
     * so two replicas or a rollback may run different code: every image names an exact release
     * (major.minor.patch; PostgreSQL numbers its releases major.minor since version 10), and images of a
     * base distribution name its release too ({@code -alpine3.24}).
     */
    @Test
    void everyImageIsPinnedToAnExactRelease() {
        java.util.regex.Pattern exact = java.util.regex.Pattern.compile(
                "(.*:v?[0-9]+\\.[0-9]+\\.[0-9]+|postgres:[0-9]{2,}\\.[0-9]+)(-alpine[0-9]+\\.[0-9]+)?");
        java.util.Set<String> floating = new java.util.TreeSet<>();
        for (String stack : Testing.stacks().names()) {
            for (ObjectNode o : objects(stack)) {
                o.findValuesAsText("image").forEach(image -> {
                    if (!exact.matcher(image).matches() || image.contains("-alpine:") || image.endsWith("-alpine")) {
                        floating.add(image);
                    }
                });
            }
        }
        assertThat(floating).isEmpty();
    }

    @Test
    void everyWorkloadIsHardenedOrCarriesAReasonWhyNot() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String stack : Testing.stacks().names()) {
            for (ObjectNode o : objects(stack)) {
                String kind = o.path("kind").asText();
                if (!POD_TEMPLATE.containsKey(kind)) {
                    continue;
                }
                checked++;
                String id = stack + " " + kind + "/" + o.at("/metadata/name").asText();
                JsonNode exception = o.at("/metadata/annotations").path(Hardening.EXCEPTION);
                if (!exception.isMissingNode()) {
                    if (exception.asText().isBlank()) {
                        problems.add(id + ": hardening exception without a reason");
                    }
                    continue;
                }
                JsonNode pod = o.at(POD_TEMPLATE.get(kind) + "/spec");
                boolean longRunning = !kind.equals("Job") && !kind.equals("CronJob");
                List<JsonNode> containers = new ArrayList<>();
                pod.path("containers").forEach(containers::add);
                pod.path("initContainers").forEach(containers::add);
                for (JsonNode c : containers) {
                    String where = id + " container " + c.path("name").asText() + ": ";
                    JsonNode sc = c.path("securityContext");
                    if (!sc.path("runAsNonRoot").asBoolean(pod.at("/securityContext/runAsNonRoot").asBoolean())) {
                        problems.add(where + "may run as root");
                    }
                    if (!sc.path("readOnlyRootFilesystem").asBoolean()) {
                        problems.add(where + "root filesystem is writable");
                    }
                    if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                        problems.add(where + "privilege escalation allowed");
                    }
                    if (!sc.at("/capabilities/drop").toString().contains("\"ALL\"")) {
                        problems.add(where + "capabilities not dropped");
                    }
                    String seccomp = sc.at("/seccompProfile/type").asText(pod.at("/securityContext/seccompProfile/type").asText());
                    if (!seccomp.equals("RuntimeDefault")) {
                        problems.add(where + "no RuntimeDefault seccomp profile");
                    }
                    for (String r : List.of("/resources/requests/cpu", "/resources/requests/memory", "/resources/limits/cpu", "/resources/limits/memory")) {
                        if (c.at(r).isMissingNode()) {
                            problems.add(where + "no " + r);
                        }
                    }
                }
                if (longRunning) {
                    JsonNode main = pod.at("/containers/0");
                    if (main.path("livenessProbe").isMissingNode() || main.path("readinessProbe").isMissingNode()) {
                        problems.add(id + ": no liveness or readiness probe");
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(problems).isEmpty();
    }
}
