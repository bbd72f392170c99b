package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Exposure;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.NetworkPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import dev.voiceplane.charts.monitoring.PrometheusAdapter;
import org.junit.jupiter.api.Test;

/** The connections each stack admits: exactly the catalog's and the constructs' declared flows. How one policy set looks is NetworkPoliciesTest's. */
class SystemNetworkTest {

    /** "peer -> workload:port" for every ingress rule of the stack's policies. */
    private static Set<String> ingressEdges(String stack) {
        Set<String> edges = new TreeSet<>();
        for (ObjectNode p : ofKind(stack, "NetworkPolicy")) {
            String target = p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText();
            for (JsonNode rule : p.at("/spec/ingress")) {
                for (JsonNode from : rule.path("from")) {
                    for (JsonNode port : rule.path("ports")) {
                        edges.add(peer(from) + " -> " + target + ":" + port.path("port").asInt());
                    }
                }
            }
        }
        return edges;
    }

    /** "workload -> peer:port" for every egress rule. */
    private static Set<String> egressEdges(String stack) {
        Set<String> edges = new TreeSet<>();
        for (ObjectNode p : ofKind(stack, "NetworkPolicy")) {
            String source = p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText("*");
            for (JsonNode rule : p.at("/spec/egress")) {
                for (JsonNode to : rule.path("to")) {
                    for (JsonNode port : rule.path("ports")) {
                        edges.add(source + " -> " + peer(to) + ":" + port.path("port").asInt());
                    }
                }
            }
        }
        return edges;
    }

    private static String peer(JsonNode p) {
        if (p.has("ipBlock")) {
            return p.at("/ipBlock/cidr").asText();
        }
        if (p.has("namespaceSelector")) {
            return "ns:" + p.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText();
        }
        return p.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText();
    }

    @Test
    void everythingIsDeniedUnlessAllowed() {
        ObjectNode deny = object("ai-ninja-production", "NetworkPolicy", "default-deny");
        assertThat(deny.at("/spec/podSelector").size()).isZero();
        assertThat(deny.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(deny.at("/spec").has("ingress")).isFalse();
        assertThat(deny.at("/spec").has("egress")).isFalse();
    }

    @Test
    void everyPodMayAskTheClusterDnsOnly() {
        ObjectNode dns = object("local", "NetworkPolicy", "allow-dns");
        JsonNode rule = dns.at("/spec/egress/0");
        assertThat(rule.at("/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).isEqualTo("kube-system");
        assertThat(rule.at("/ports").toString()).contains("\"UDP\"").contains("\"TCP\"").contains("53");
    }

    @Test
    void aServiceThatDoesNotDeclarePostgresCannotReachIt() {
        ServiceSpec realtime = ServiceCatalog.get("realtime-processor");
        assertThat(realtime.uses(DataStore.POSTGRES)).isFalse();
        assertThat(ingressEdges("local")).doesNotContain("realtime-processor -> postgres:5432").contains("user-management -> postgres:5432");
        assertThat(egressEdges("local")).doesNotContain("realtime-processor -> postgres:5432").contains("realtime-processor -> redis:6379");
    }

    @Test
    void theDatabaseAcceptsExactlyItsDeclaredUsersAndTheBackupJob() {
        Set<String> expected = new TreeSet<>();
        for (ServiceSpec s : ServiceCatalog.of(SystemName.AI_NINJA)) {
            if (s.uses(DataStore.POSTGRES)) {
                expected.add(s.name() + " -> postgres:5432");
            }
        }
        expected.add("postgres-backup -> postgres:5432");
        assertThat(ingressEdges("local").stream().filter(e -> e.endsWith("-> postgres:5432"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyServiceToServiceRuleIsADeclaredCallAndEveryCallHasOne() {
        for (SystemName system : SystemName.values()) {
            String stack = system == SystemName.AI_NINJA ? "ai-ninja-production" : "bharatvoice-production";
            List<String> names = ServiceCatalog.of(system).stream().map(ServiceSpec::name).toList();
            Set<String> declared = new TreeSet<>();
            for (ServiceSpec s : ServiceCatalog.of(system)) {
                s.calls().forEach(c -> declared.add(s.name() + " -> " + c + ":" + ServiceCatalog.get(c).port()));
            }
            Set<String> serviceToService = new TreeSet<>();
            ingressEdges(stack).stream().filter(e -> names.contains(e.substring(0, e.indexOf(' ')))
                    && names.contains(e.substring(e.indexOf("> ") + 2, e.lastIndexOf(':')))).forEach(serviceToService::add);
            assertThat(serviceToService).as(stack).isEqualTo(declared);
        }
    }

    @Test
    void onlyExposedServicesAcceptTheIngressController() {
        Set<String> expected = new TreeSet<>();
        for (ServiceSpec s : ServiceCatalog.of(SystemName.AI_NINJA)) {
            if (s.exposure() != Exposure.INTERNAL) {
                expected.add("ns:ingress-nginx -> " + s.name() + ":" + s.port());
            }
        }
        List<String> services = ServiceCatalog.of(SystemName.AI_NINJA).stream().map(ServiceSpec::name).toList();
        assertThat(ingressEdges("ai-ninja-staging").stream().filter(e -> e.startsWith("ns:ingress-nginx"))
                .filter(e -> services.contains(e.substring(e.indexOf("> ") + 2, e.lastIndexOf(':')))))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).doesNotContain("ns:ingress-nginx -> conversation-engine:3003");
    }

    @Test
    void prometheusMayScrapeEveryServiceOnItsMetricsPort() {
        for (ServiceSpec s : ServiceCatalog.of(SystemName.AI_NINJA)) {
            assertThat(ingressEdges("local")).contains("prometheus -> " + s.name() + ":" + s.port());
        }
    }

    @Test
    void onlyServicesWithExternalApisReachTheInternet() {
        Set<String> internet = new TreeSet<>();
        egressEdges("ai-ninja-production").stream().filter(e -> e.contains("0.0.0.0/0:443")).forEach(internet::add);
        // The three services that declare external APIs; Prometheus for the API server; Alertmanager for the webhook.
        assertThat(internet).containsExactlyInAnyOrder("conversation-analyzer -> 0.0.0.0/0:443", "conversation-engine -> 0.0.0.0/0:443",
                "prometheus -> 0.0.0.0/0:443", "realtime-processor -> 0.0.0.0/0:443", "alertmanager -> 0.0.0.0/0:443");
        JsonNode internetBlock = null;
        for (JsonNode block : object("ai-ninja-production", "NetworkPolicy", "conversation-engine-network").at("/spec/egress").findValues("ipBlock")) {
            if (block.path("cidr").asText().equals("0.0.0.0/0")) {
                internetBlock = block;
            }
        }
        assertThat(internetBlock).isNotNull();
        assertThat(internetBlock.path("except").toString()).contains("10.0.0.0/8").contains("169.254.0.0/16");
    }

    @Test
    void managedStoresAreReachedInTheirPrivateNetworkOnly() {
        assertThat(egressEdges("ai-ninja-production")).contains("user-management -> 10.20.0.0/16:5432")
                .doesNotContain("realtime-processor -> 10.20.0.0/16:5432");
    }

    @Test
    void backupJobsReachTheirStoreAndTheBucket() {
        assertThat(egressEdges("bharatvoice-production")).contains("postgres-backup -> postgres:5432", "redis-backup -> redis:6379",
                "postgres-backup -> 0.0.0.0/0:443", "data-backup -> 0.0.0.0/0:443").doesNotContain("redis-backup -> postgres:5432");
        assertThat(egressEdges("local")).doesNotContain("postgres-backup -> 0.0.0.0/0:443");
    }

    @Test
    void meshStacksLetSidecarsReachIstiod() {
        assertThat(object("ai-ninja-production", "NetworkPolicy", "allow-istiod").at("/spec/egress/0/ports/0/port").asInt()).isEqualTo(15012);
        assertThat(ofKind("bharatvoice-production", "NetworkPolicy")).extracting(o -> o.at("/metadata/name").asText()).doesNotContain("allow-istiod");
    }

    /**
     * The HPAs' Pods metrics come from prometheus-adapter (infra's release in the monitoring
     * namespace), which queries the system's Prometheus; under default deny it must be admitted.
     */
    @Test
    void prometheusAdmitsThePrometheusAdapterWhereTheStackDeclaresIt() {
        assertThat(ingressEdges("ai-ninja-production")).contains("ns:" + PrometheusAdapter.NAMESPACE + " -> prometheus:9090");
        assertThat(ingressEdges("bharatvoice-staging")).contains("ns:monitoring -> prometheus:9090");
        ObjectNode policy = object("ai-ninja-production", "NetworkPolicy", "prometheus-network");
        boolean podsSelected = false;
        for (JsonNode rule : policy.at("/spec/ingress")) {
            JsonNode from = rule.at("/from/0");
            if (from.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText().equals("monitoring")) {
                podsSelected = from.at("/podSelector/matchLabels").equals(
                        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(PrometheusAdapter.POD_LABELS));
            }
        }
        assertThat(podsSelected).as("only the adapter's pods, not the whole monitoring namespace").isTrue();
        // The local stack declares no custom metrics server (voiceplane:cluster.customMetrics: none).
        assertThat(ingressEdges("local")).doesNotContain("ns:monitoring -> prometheus:9090");
    }

    /** Promtail's namespace is as closed as the system's: it may ship logs to Loki, ask the API server and DNS, nothing else. */
    @Test
    void theLogShippersNamespaceDeniesByDefaultToo() {
        List<String> inLogs = new ArrayList<>();
        for (ObjectNode p : ofKind("bharatvoice-production", "NetworkPolicy")) {
            if (p.at("/metadata/namespace").asText().equals("bharatvoice-logs")) {
                inLogs.add(p.at("/metadata/name").asText());
            }
        }
        assertThat(inLogs).containsExactlyInAnyOrder("default-deny", "allow-dns", "promtail-network");
        Set<String> promtail = new TreeSet<>();
        for (ObjectNode p : ofKind("bharatvoice-production", "NetworkPolicy")) {
            if (p.at("/metadata/name").asText().equals("promtail-network")) {
                for (JsonNode rule : p.at("/spec/egress")) {
                    rule.path("ports").forEach(port -> promtail.add(peer(rule.at("/to/0")) + ":" + port.path("port").asInt()));
                }
                assertThat(p.at("/spec/ingress").isMissingNode()).isTrue();
            }
        }
        assertThat(promtail).containsExactlyInAnyOrder("ns:bharatvoice:3100", "0.0.0.0/0:443", "0.0.0.0/0:6443");
    }

    @Test
    void everyRuleNamesTheDeclarationBehindIt() {
        for (ObjectNode p : ofKind("bharatvoice-production", "NetworkPolicy")) {
            String reasons = p.at("/metadata/annotations").path(NetworkPolicies.REASONS).asText();
            int rules = p.at("/spec/ingress").size() + p.at("/spec/egress").size();
            List<String> lines = new ArrayList<>(List.of(reasons.split("\n")));
            assertThat(lines).as("%s", p.at("/metadata/name")).hasSizeGreaterThanOrEqualTo(Math.max(1, rules));
            lines.forEach(l -> assertThat(l).matches("(ingress|egress) .*: (catalog|backups|monitoring|every pod|stack).*|nothing: .*"));
        }
    }

    @Test
    void letsEncryptReachesCertManagersChallengeSolversThroughTheIngressController() {
        ObjectNode solver = object("ai-ninja-production", "NetworkPolicy", "acme-http01-solver-network");
        assertThat(solver.at("/spec/podSelector/matchLabels/acme.cert-manager.io~1http01-solver").asText()).isEqualTo("true");
        assertThat(solver.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8089);
        assertThat(solver.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).isEqualTo("ingress-nginx");
        assertThat(ofKind("local", "NetworkPolicy")).extracting(o -> o.at("/metadata/name").asText()).doesNotContain("acme-http01-solver-network");
    }

    /**
     * Under default deny, a workload no policy selects can talk to nobody: every pod template of the
     * namespace (and the operator-run Prometheus and Alertmanager) must have its flows declared.
     */
    @Test
    void noWorkloadIsLeftSilentlyCutOffByDefaultDeny() {
        for (String stack : dev.voiceplane.testing.Testing.stacks().names()) {
            String namespace = dev.voiceplane.testing.Testing.stack(stack).namespace();
            Set<String> selected = new TreeSet<>();
            ofKind(stack, "NetworkPolicy").forEach(p -> selected.add(p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()));
            for (ObjectNode o : dev.voiceplane.testing.Testing.objects(stack)) {
                if (!o.at("/metadata/namespace").asText().equals(namespace)) {
                    continue;
                }
                String labels = switch (o.path("kind").asText()) {
                    case "Deployment", "StatefulSet", "DaemonSet" -> "/spec/template/metadata/labels";
                    case "CronJob" -> "/spec/jobTemplate/spec/template/metadata/labels";
                    case "Prometheus", "Alertmanager" -> "/spec/podMetadata/labels";
                    default -> null;
                };
                if (labels == null) {
                    continue;
                }
                String name = o.at(labels + "/app.kubernetes.io~1name").asText();
                assertThat(selected).as("%s %s %s has no network policy of its own", stack, o.path("kind").asText(), name).contains(name);
            }
        }
    }
}
