package dev.voiceplane.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.stack.Cloud;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The quota arithmetic: minimum scale, one surge per Deployment, CronJob pods and sidecars, and headroom at HPA maximum. */
class QuotaAdmissionTest {
    private static final ClusterFacts NO_MESH = new ClusterFacts(Cloud.NONE, "calico", false, false, false, Set.of());

    /** A namespace without Istio: 4 replicas of 1 CPU (25 % surge = 1 pod) and one CronJob pod of 0.5 CPU. */
    private static String namespace(String requestsCpu, String injection) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: q
                  labels:
                    istio-injection: %s
                ---
                apiVersion: v1
                kind: ResourceQuota
                metadata:
                  name: q
                  namespace: q
                spec:
                  hard:
                    requests.cpu: "%s"
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                  namespace: q
                spec:
                  replicas: 4
                  selector:
                    matchLabels: {app: api}
                  template:
                    metadata:
                      labels: {app: api}
                    spec:
                      containers:
                        - name: api
                          image: r/api:1.0.0
                          resources:
                            requests: {cpu: "1", memory: 1Gi}
                            limits: {cpu: "1", memory: 1Gi}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: backup
                  namespace: q
                spec:
                  schedule: "0 1 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers:
                            - name: backup
                              image: r/backup:1.0.0
                              resources:
                                requests: {cpu: 500m, memory: 128Mi}
                                limits: {cpu: 500m, memory: 128Mi}
                """.formatted(injection, requestsCpu);
    }

    @Test
    void minimumScalePlusOneSurgePlusTheCronJobPodMustFit() {
        assertThat(RuleCase.run("quota-admits-workloads", namespace("5.5", "disabled"), NO_MESH).findings()).isEmpty();
        Report over = RuleCase.run("quota-admits-workloads", namespace("5.4", "disabled"), NO_MESH);
        assertThat(over.open()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("/spec/hard/requests.cpu");
            assertThat(f.message()).contains("needs 5.5 CPU");
        });
    }

    @Test
    void injectedSidecarsCountWithIstiosDefaultRequests() {
        // 5 api pods and 1 backup pod each get a 100m proxy: 5.5 + 0.6 = 6.1 CPU.
        assertThat(RuleCase.run("quota-admits-workloads", namespace("6.0", "enabled"), NO_MESH).open()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("needs 6.1 CPU"));
        assertThat(RuleCase.run("quota-admits-workloads", namespace("6.1", "enabled"), NO_MESH).findings()).isEmpty();
    }

    @Test
    void theNotesShowHeadroomAtHpaMaximum() {
        String withHpa = namespace("20", "disabled") + """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: api
                  namespace: q
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
                  minReplicas: 4
                  maxReplicas: 18
                """;
        Model model = new Model(YamlDocuments.read("q.yaml", withHpa), NO_MESH, Optional.empty());
        // 18 pods + 1 surge (25 % of 4) + 0.5 CPU of backup = 19.5 of 20.
        assertThat(new QuotaAdmission().notes(model)).singleElement().satisfies(n ->
                assertThat(n).contains("requests.cpu 19.5 CPU of 20 CPU (headroom 0.5 CPU)"));
    }

    @Test
    void aContainerWithoutLimitsIsRefusedByAQuotaOnLimitsUnlessALimitRangeDefaultsThem() {
        String yaml = namespace("20", "disabled").replace("    requests.cpu: \"20\"", "    requests.cpu: \"20\"\n    limits.memory: 40Gi");
        String noLimit = yaml.replace("limits: {cpu: 500m, memory: 128Mi}", "limits: {}");
        assertThat(noLimit).isNotEqualTo(yaml);
        assertThat(RuleCase.run("quota-admits-workloads", noLimit, NO_MESH).open())
                .anySatisfy(f -> assertThat(f.message()).contains("CronJob/q/backup leaves limits.memory unset"));
        String defaulted = noLimit + "---\napiVersion: v1\nkind: LimitRange\nmetadata:\n  name: d\n  namespace: q\nspec:\n  limits:\n"
                + "    - type: Container\n      default: {cpu: 500m, memory: 256Mi}\n";
        assertThat(RuleCase.run("quota-admits-workloads", defaulted, NO_MESH).findings()).isEmpty();
    }

    @Test
    void surgeFollowsTheDeploymentStrategy() {
        var yaml = YamlDocuments.read("d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy:\n    rollingUpdate: {maxSurge: 2}\n");
        assertThat(QuotaAdmission.surge(yaml.get(0), 10)).isEqualTo(2);
        var percent = YamlDocuments.read("d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n");
        assertThat(QuotaAdmission.surge(percent.get(0), 3)).as("25 % of 3, rounded up").isEqualTo(1);
        var recreate = YamlDocuments.read("d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  strategy: {type: Recreate}\n");
        assertThat(QuotaAdmission.surge(recreate.get(0), 10)).isZero();
    }
}
