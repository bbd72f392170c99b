package dev.voiceplane.validate;

import static dev.voiceplane.validate.RuleCase.append;
import static dev.voiceplane.validate.RuleCase.of;
import static dev.voiceplane.validate.RuleCase.replace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.stack.Cloud;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object-policy and cross-object rule, three ways: the clean application passes it; broken in one
 * place it yields the finding (rule, object, field); and the waiver annotation on that object accepts
 * the finding, while a waiver without a reason accepts nothing and is itself a finding.
 */
class ValidateRulesTest {
    private static final String WEB = "Deployment/shop/web";
    private static final String WEB_POD = "/spec/template/spec";
    private static final String WEB_CONTAINER = WEB_POD + "/containers/0";
    private static final String WEB_SC = "          securityContext: # web\n";
    private static final String WEB_POD_SC = "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n";

    static List<RuleCase> cases() {
        return List.of(
                of("pss-namespace-level", replace("pod-security.kubernetes.io/enforce: restricted", "pod-security.kubernetes.io/enforce: baseline"),
                        "Namespace/shop", "/metadata/labels"),
                of("pss-host-namespaces", replace("      serviceAccountName: web\n", "      serviceAccountName: web\n      hostPID: true\n"),
                        WEB, WEB_POD + "/hostPID"),
                of("pss-privileged", replace(WEB_SC, WEB_SC + "            privileged: true\n"), WEB, WEB_CONTAINER + "/securityContext/privileged"),
                of("pss-capabilities", replace("                - ALL\n---\napiVersion: autoscaling/v2",
                        "                - ALL\n              add:\n                - SYS_ADMIN\n---\napiVersion: autoscaling/v2"),
                        WEB, WEB_CONTAINER + "/securityContext/capabilities/add"),
                of("pss-volume-types", replace("      serviceAccountName: web\n",
                        "      serviceAccountName: web\n      volumes:\n        - name: logs\n          hostPath:\n            path: /var/log\n"),
                        WEB, WEB_POD + "/volumes/0"),
                of("pss-host-ports", replace("              containerPort: 8080\n", "              containerPort: 8080\n              hostPort: 8080\n"),
                        WEB, WEB_CONTAINER + "/ports/0/hostPort"),
                of("pss-proc-mount", replace(WEB_SC, WEB_SC + "            procMount: Unmasked\n"), WEB, WEB_CONTAINER + "/securityContext/procMount"),
                of("pss-sysctls", replace(WEB_POD_SC, WEB_POD_SC + "        sysctls:\n          - name: net.core.somaxconn\n            value: \"1024\"\n"),
                        WEB, WEB_POD + "/securityContext/sysctls/0"),
                of("pss-selinux", replace(WEB_SC, WEB_SC + "            seLinuxOptions:\n              user: system_u\n"),
                        WEB, WEB_CONTAINER + "/securityContext/seLinuxOptions"),
                of("pss-apparmor", replace(WEB_SC, WEB_SC + "            appArmorProfile:\n              type: Unconfined\n"),
                        WEB, WEB_CONTAINER + "/securityContext/appArmorProfile"),
                of("pss-privilege-escalation", replace(WEB_SC + "            allowPrivilegeEscalation: false\n", WEB_SC + "            allowPrivilegeEscalation: true\n"),
                        WEB, WEB_CONTAINER + "/securityContext/allowPrivilegeEscalation"),
                of("pss-run-as-non-root", replace(WEB_POD_SC, "      securityContext:\n        runAsUser: 10001\n"),
                        WEB, WEB_POD + "/securityContext/runAsNonRoot"),
                of("pss-run-as-user", replace(WEB_POD_SC, "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 0\n"),
                        WEB, WEB_POD + "/securityContext/runAsUser"),
                of("pss-seccomp", replace("        seccompProfile:\n          type: RuntimeDefault\n      topologySpreadConstraints:", "      topologySpreadConstraints:"),
                        WEB, WEB_POD + "/securityContext/seccompProfile"),
                of("resources", replace("            limits:\n              cpu: \"1\"\n              memory: 1Gi\n" + WEB_SC, WEB_SC),
                        WEB, WEB_CONTAINER + "/resources/limits"),
                of("request-within-limit", replace("              cpu: 500m\n", "              cpu: \"2\"\n"), WEB, WEB_CONTAINER + "/resources/requests/cpu"),
                of("probes", replace("          livenessProbe:\n            httpGet:\n              path: /live\n              port: 8080\n", ""),
                        WEB, WEB_CONTAINER + "/livenessProbe"),
                of("image-pinned", replace("shop/web:1.4.2", "shop/web:latest"), WEB, WEB_CONTAINER + "/image"),
                of("read-only-root-filesystem", replace(WEB_SC + "            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n",
                        WEB_SC + "            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: false\n"),
                        WEB, WEB_CONTAINER + "/securityContext/readOnlyRootFilesystem"),
                of("no-ssh-port", replace("              containerPort: 8080\n", "              containerPort: 8080\n            - name: ssh\n              containerPort: 22\n"),
                        WEB, WEB_CONTAINER + "/ports/1"),
                of("pdb", replace("  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n", "  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: other\n"),
                        WEB, ""),
                of("pdb-allows-disruption", replace("  maxUnavailable: 1\n", "  maxUnavailable: 0\n"), "PodDisruptionBudget/shop/web", "/spec/maxUnavailable"),
                of("topology-spread", replace("topologyKey: topology.kubernetes.io/zone", "topologyKey: example.com/rack"),
                        WEB, WEB_POD + "/topologySpreadConstraints"),
                of("host-anti-affinity", replace("topologyKey: kubernetes.io/hostname", "topologyKey: example.com/rack"), WEB, WEB_POD + "/affinity"),
                of("hpa-target", replace("    kind: Deployment\n    name: web\n", "    kind: Deployment\n    name: webb\n"),
                        "HorizontalPodAutoscaler/shop/web", "/spec/scaleTargetRef"),
                of("network-policy-coverage", replace("  podSelector: {}\n", "  podSelector:\n    matchLabels:\n      app: web\n"),
                        "StatefulSet/shop/db", "/spec/template"),
                of("network-policy-targets-pods", replace("  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n    - Ingress\n  ingress:",
                        "  podSelector:\n    matchLabels:\n      app: gone\n  policyTypes:\n    - Ingress\n  ingress:"),
                        "NetworkPolicy/shop/web-from-anywhere", "/spec/podSelector"),
                of("service-selects-pods", replace("  selector:\n    app: web\n  ports:", "  selector:\n    app: wbe\n  ports:"), "Service/shop/web", "/spec/selector"),
                of("statefulset-service", replace("  serviceName: db\n", "  serviceName: database\n"), "StatefulSet/shop/db", "/spec/serviceName"),
                of("service-type", replace("  selector:\n    app: web\n  ports:", "  type: NodePort\n  selector:\n    app: web\n  ports:"), "Service/shop/web", "/spec/type"),
                of("ingress-tls", replace("  tls:\n    - hosts:\n        - shop.example.com\n      secretName: web-tls\n", ""), "Ingress/shop/web", "/spec/rules/0"),
                of("ingress-targets-service", replace("                  number: 80", "                  number: 81"),
                        "Ingress/shop/web", "/spec/rules/0/http/paths/0/backend/service/port"),
                of("label-values", replace("  labels:\n    app: web\nspec:", "  labels:\n    app: web_\nspec:"), WEB, "/metadata/labels/app"),
                of("cidr", replace("cidr: 10.0.0.0/8", "cidr: 10.0.0.0/33"), "NetworkPolicy/shop/web-from-anywhere", "/spec/ingress/0/from/0/ipBlock/cidr"),
                of("selector-matches-template", replace("  selector:\n    matchLabels:\n      app: web\n  template:", "  selector:\n    matchLabels:\n      app: webx\n  template:"),
                        WEB, "/spec/selector"),
                of("no-secret-literals", replace("              valueFrom:\n                secretKeyRef:\n                  name: web-secrets\n                  key: DB_PASSWORD\n",
                        "              value: correct-horse-battery\n"), WEB, WEB_CONTAINER + "/env/1/value"),
                of("service-account", replace("      serviceAccountName: web\n", "      serviceAccountName: web-missing\n"), WEB, WEB_POD + "/serviceAccountName"),
                of("automount-token", replace("      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 70\n",
                        "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 70\n"), "StatefulSet/shop/db", "/spec/template/spec/automountServiceAccountToken"),
                of("rbac-least-privilege", append("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: admin\n  namespace: shop\n"
                        + "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: web\n"),
                        "RoleBinding/shop/admin", "/roleRef/name"),
                of("cronjob-deadline", replace("  startingDeadlineSeconds: 3600\n", ""), "CronJob/shop/db-backup", "/spec/startingDeadlineSeconds"),
                of("quota-admits-workloads", replace("    requests.cpu: \"20\"", "    requests.cpu: \"2\""), "ResourceQuota/shop/shop-quota", "/spec/hard/requests.cpu"),
                of("storage-class-limits", append(storageClass("gp3", "6000", "250")), "StatefulSet/shop/db",
                        "/spec/volumeClaimTemplates/0/spec/resources/requests/storage"),
                of("foreign-namespace", append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: controller\n  namespace: ingress-nginx\ndata:\n  use-gzip: \"true\"\n"),
                        "ConfigMap/ingress-nginx/controller", "/metadata/namespace"),
                of("shared-cluster-object", append(storageClass("gp3", "3000", "125")), "StorageClass/fast-ssd", ""),
                of("managed-redis-tls", replace("            - name: DB_HOST\n              value: db\n", "            - name: DB_HOST\n              value: db\n"
                        + "            - name: REDIS_HOST\n              value: shop.redis.cache.windows.net\n            - name: REDIS_PORT\n              value: \"6379\"\n"),
                        WEB, WEB_CONTAINER + "/env/2"),
                of("hpa-metric-served", replace("          averageUtilization: 70\n", "          averageUtilization: 70\n    - type: Pods\n      pods:\n"
                        + "        metric:\n          name: active_calls\n        target:\n          type: AverageValue\n          averageValue: \"50\"\n"),
                        "HorizontalPodAutoscaler/shop/web", "/spec/metrics/1"),
                of("network-policy-enforced", s -> s, "NetworkPolicy/shop/default-deny", "/spec")
                        .on(new ClusterFacts(Cloud.AWS, "", false, false, true, Set.of("letsencrypt"))),
                of("catalog-contract", replace("name: web\n  namespace: shop\n  labels:\n    app: web\nspec:", "name: smart-whitelist\n  namespace: shop\n  labels:\n    app: web\nspec:")
                        .andThen(replace("        - name: web\n          image:", "        - name: smart-whitelist\n          image:"))::apply,
                        "Deployment/shop/smart-whitelist", WEB_CONTAINER + "/ports"),
                of("backup-and-alert", replace("kube_job_status_failed", "up"), "StatefulSet/shop/db", ""),
                of("tls-issuer", replace("cert-manager.io/cluster-issuer: letsencrypt", "cert-manager.io/cluster-issuer: letsencrypt-elsewhere"),
                        "Ingress/shop/web", "/spec/tls/0/hosts/0"),
                of("secret-store-tenant", append("apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: vault\n  namespace: shop\nspec:\n"
                        + "  provider:\n    azurekv:\n      authType: WorkloadIdentity\n      vaultUrl: https://shop.vault.azure.net/\n"
                        + "      serviceAccountRef:\n        name: web\n"), "SecretStore/shop/vault", "/spec/provider/azurekv"),
                of("scratch-volume-request", replace("          restartPolicy: OnFailure\n", "          restartPolicy: OnFailure\n          volumes:\n"
                        + "            - name: tmp\n              emptyDir:\n                sizeLimit: 20Gi\n"),
                        "CronJob/shop/db-backup", "/spec/jobTemplate/spec/template/spec/containers/0/resources/requests"),
                of("connection-drain", replace("name: web\n  namespace: shop\n  labels:\n    app: web\nspec:", "name: realtime-processor\n  namespace: shop\n  labels:\n    app: web\nspec:")
                        .andThen(replace("        - name: web\n          image:", "        - name: realtime-processor\n          image:"))::apply,
                        "Deployment/shop/realtime-processor", WEB_CONTAINER + "/lifecycle/preStop"),
                of("mesh-mtls-strict", replace("    mode: STRICT", "    mode: PERMISSIVE"), "Namespace/shop", ""),
                of("mesh-init-container", replace("      containers:\n        - name: web\n", "      initContainers:\n        - name: migrate\n"
                        + "          image: registry.example.com/shop/web:1.4.2\n          env:\n            - name: DB_HOST\n              value: db\n"
                        + "      containers:\n        - name: web\n"), WEB, WEB_POD + "/initContainers/0"));
    }

    static String storageClass(String type, String iops, String throughput) {
        return "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast-ssd\nprovisioner: ebs.csi.aws.com\nparameters:\n"
                + "  type: " + type + "\n  iops: \"" + iops + "\"\n  throughput: \"" + throughput + "\"\n";
    }

    @ParameterizedTest(name = "{0} passes the clean application")
    @MethodSource("cases")
    void theCleanApplicationPasses(RuleCase c) {
        Report report = RuleCase.run(c.rule(), RuleCase.CLEAN, RuleCase.FACTS);
        assertThat(report.findings()).as(c.rule()).isEmpty();
    }

    @ParameterizedTest(name = "{0} finds the broken object and field")
    @MethodSource("cases")
    void theBrokenObjectIsFound(RuleCase c) {
        Report report = RuleCase.run(c.rule(), c.broken(), c.facts());
        assertThat(report.open()).as(c.rule()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.rule().id()).isEqualTo(c.rule()))
                .anySatisfy(f -> {
                    assertThat(f.object().id()).isEqualTo(c.object());
                    assertThat(f.path()).isEqualTo(c.path());
                    assertThat(f.line()).as("the line of the field in the file").isPositive();
                    assertThat(f.message()).isNotBlank();
                    assertThat(f.fix()).isNotBlank();
                });
    }

    @ParameterizedTest(name = "{0} is waived by voiceplane.dev/allowed-because.{0}")
    @MethodSource("cases")
    void aWaiverWithAReasonAcceptsTheFinding(RuleCase c) {
        Report report = RuleCase.run(c.rule(), c.waived("the test says so"), c.facts());
        List<Finding> onObject = report.findings().stream().filter(f -> f.object().id().equals(c.object())).toList();
        assertThat(onObject).isNotEmpty().allSatisfy(f -> {
            assertThat(f.waived()).isTrue();
            assertThat(f.waiver().orElseThrow().reason()).isEqualTo("the test says so");
        });
    }

    @ParameterizedTest(name = "{0}: a waiver without a reason waives nothing and is a finding")
    @MethodSource("cases")
    void aWaiverWithoutAReasonIsItselfAFinding(RuleCase c) {
        Report report = RuleCase.run(c.rule(), c.waived("  "), c.facts());
        assertThat(report.open()).anySatisfy(f -> {
            assertThat(f.rule().id()).isEqualTo(c.rule());
            assertThat(f.object().id()).isEqualTo(c.object());
        });
        assertThat(report.open()).anySatisfy(f -> {
            assertThat(f.rule().id()).isEqualTo("waiver");
            assertThat(f.path()).isEqualTo("/metadata/annotations/voiceplane.dev~1allowed-because." + c.rule());
        });
    }

    @Test
    void everyPolicyRuleHasACase() {
        Set<String> tested = cases().stream().map(RuleCase::rule).collect(Collectors.toSet());
        Set<String> registered = RuleRegistry.policy().stream().map(r -> r.spec().id()).filter(id -> !id.equals("waiver")).collect(Collectors.toSet());
        assertThat(tested).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void theCleanApplicationPassesEveryPolicyRuleAtOnce() {
        Report report = new Validation(RuleRegistry.policy()).run("clean",
                new Model(YamlDocuments.read("clean.yaml", RuleCase.CLEAN), RuleCase.FACTS, java.util.Optional.empty()), java.util.Optional.empty());
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void aWorkloadBuiltFromItsCatalogSpecKeepsTheContract() {
        dev.voiceplane.catalog.ServiceSpec spec = dev.voiceplane.catalog.ServiceCatalog.get("smart-whitelist");
        StringBuilder env = new StringBuilder();
        for (dev.voiceplane.catalog.EnvVar v : spec.env()) {
            env.append("            - name: ").append(v.name()).append('\n').append(switch (v.source()) {
                case SECRET -> "              valueFrom:\n                secretKeyRef: {name: s, key: " + v.name() + "}\n";
                case CONFIG_MAP -> "              valueFrom:\n                configMapKeyRef: {name: c, key: " + v.name() + "}\n";
                case STACK -> "              value: x\n";
                case PLATFORM -> "";
            });
        }
        String yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: smart-whitelist\n  namespace: shop\nspec:\n  template:\n"
                + "    metadata:\n      labels: {app: sw}\n    spec:\n      containers:\n        - name: smart-whitelist\n          image: r/sw:1.0.0\n"
                + "          ports:\n            - containerPort: " + spec.port() + "\n"
                + "          readinessProbe:\n            httpGet: {path: " + spec.probes().ready() + ", port: " + spec.port() + "}\n"
                + "          livenessProbe:\n            httpGet: {path: " + spec.probes().live() + ", port: " + spec.port() + "}\n"
                + "          env:\n" + env
                + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: smart-whitelist\n  namespace: shop\nspec:\n  selector: {app: sw}\n"
                + "  ports:\n    - port: " + spec.port() + "\n";
        assertThat(RuleCase.run("catalog-contract", yaml, RuleCase.FACTS).findings()).isEmpty();
        String missing = yaml.replace("            - name: JWT_ACCESS_SECRET\n", "            - name: NOT_IN_CATALOG\n");
        assertThat(RuleCase.run("catalog-contract", missing, RuleCase.FACTS).open()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("lacks JWT_ACCESS_SECRET"));
    }

    @Test
    void aClaimHoldingDataIsBackedUpByACronJobThatMountsIt() {
        String claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: uploads\n  namespace: shop\n  annotations:\n"
                + "    voiceplane.dev/holds-data: \"true\"\nspec:\n  resources:\n    requests:\n      storage: 1Gi\n";
        Report unbacked = RuleCase.run("backup-and-alert", RuleCase.CLEAN + "---\n" + claim, RuleCase.FACTS);
        assertThat(unbacked.open()).singleElement().satisfies(f -> {
            assertThat(f.object().id()).isEqualTo("PersistentVolumeClaim/shop/uploads");
            assertThat(f.message()).contains("no CronJob mounts it");
        });
        String mounted = RuleCase.CLEAN.replace("          restartPolicy: OnFailure\n", "          restartPolicy: OnFailure\n          volumes:\n"
                + "            - name: uploads\n              persistentVolumeClaim:\n                claimName: uploads\n") + "---\n" + claim;
        assertThat(RuleCase.run("backup-and-alert", mounted, RuleCase.FACTS).findings()).isEmpty();
    }

    @Test
    void aWebSocketServiceDrainsForItsWebSocketTimeout() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: rt}\ndata:\n  WEBSOCKET_TIMEOUT: \"300000\"\n---\n"
                + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: realtime-processor, namespace: rt}\nspec:\n  template:\n    spec:\n"
                + "      terminationGracePeriodSeconds: 60\n      containers:\n        - name: realtime-processor\n          lifecycle:\n"
                + "            preStop:\n              exec: {command: [sleep, \"5\"]}\n          env:\n            - name: WEBSOCKET_TIMEOUT\n"
                + "              valueFrom:\n                configMapKeyRef: {name: cfg, key: WEBSOCKET_TIMEOUT}\n";
        assertThat(RuleCase.run("connection-drain", yaml, RuleCase.FACTS).open()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("/spec/template/spec/terminationGracePeriodSeconds");
            assertThat(f.message()).contains("60 s").contains("300 s");
        });
        assertThat(RuleCase.run("connection-drain", yaml.replace("terminationGracePeriodSeconds: 60", "terminationGracePeriodSeconds: 310"),
                RuleCase.FACTS).findings()).isEmpty();
    }

    @Test
    void sharedObjectsBelongInTheClusterComponent() {
        var sources = new java.util.ArrayList<>(YamlDocuments.read("dist/s/namespace.yaml", RuleCase.CLEAN));
        sources.addAll(YamlDocuments.read("dist/s/cluster.yaml", storageClass("gp3", "3000", "125")));
        assertThat(RuleCase.run("shared-cluster-object", sources, RuleCase.FACTS).findings()).isEmpty();
    }

    @Test
    void aWaiverNamingNoRuleIsAFinding() {
        String yaml = RuleCase.CLEAN.replace("  name: web\n  namespace: shop\n  labels:", "  name: web\n  namespace: shop\n  annotations:\n"
                + "    voiceplane.dev/allowed-because.no-such-rule: \"because\"\n  labels:");
        Report report = RuleCase.run("waiver", yaml, RuleCase.FACTS);
        assertThat(report.open()).singleElement().satisfies(f -> {
            assertThat(f.object().id()).isEqualTo(WEB);
            assertThat(f.message()).contains("no known rule 'no-such-rule'");
        });
    }
}
