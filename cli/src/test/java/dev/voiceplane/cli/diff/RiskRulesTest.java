package dev.voiceplane.cli.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each risk rule fed a change that breaks it and one that does not. */
class RiskRulesTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Risk> risks(String before, String after) {
        return RiskRules.classify(before == null ? null : yaml(before), after == null ? null : yaml(after));
    }

    private static List<RiskClass> classes(String before, String after) {
        return risks(before, after).stream().map(Risk::riskClass).toList();
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: n}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "web:1", resources: {requests: {cpu: 100m, memory: 1Gi}}}]}
            """;

    @Test
    void anImageChangeIsAPlainChange() {
        assertThat(risks(DEPLOYMENT, DEPLOYMENT.replace("web:1", "web:2"))).isEmpty();
    }

    @Test
    void aDeploymentSelectorChangeForcesAReplacement() {
        List<Risk> risks = risks(DEPLOYMENT, DEPLOYMENT.replace("matchLabels: {app: web}", "matchLabels: {app: web, tier: x}"));
        assertThat(risks).singleElement().satisfies(r -> {
            assertThat(r.riskClass()).isEqualTo(RiskClass.REPLACE);
            assertThat(r.reason()).contains("spec.selector").contains("Deployment must be deleted and made again");
        });
    }

    @Test
    void fewerReplicasIsReducedCapacityAndMoreIsNot() {
        assertThat(classes(DEPLOYMENT, DEPLOYMENT.replace("replicas: 3", "replicas: 2"))).containsExactly(RiskClass.CAPACITY_REDUCED);
        assertThat(classes(DEPLOYMENT, DEPLOYMENT.replace("replicas: 3", "replicas: 5"))).isEmpty();
    }

    @Test
    void aLowerHpaMinimumIsReducedCapacity() {
        String hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {minReplicas: 3, maxReplicas: 20}\n";
        assertThat(risks(hpa, hpa.replace("minReplicas: 3", "minReplicas: 2"))).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("minReplicas from 3 to 2"));
        assertThat(classes(hpa, hpa.replace("maxReplicas: 20", "maxReplicas: 30"))).isEmpty();
    }

    @Test
    void aStatefulSetMayChangeItsTemplateButNotItsServiceNameOrPolicy() {
        String sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {serviceName: db, podManagementPolicy: OrderedReady, "
                + "replicas: 1, template: {spec: {containers: [{name: db, image: 'pg:15'}]}}}\n";
        assertThat(classes(sts, sts.replace("pg:15", "pg:16"))).isEmpty();
        assertThat(risks(sts, sts.replace("serviceName: db", "serviceName: db2")))
                .extracting(Risk::riskClass).contains(RiskClass.REPLACE, RiskClass.DATA_LOSS);
        assertThat(risks(sts, sts.replace("OrderedReady", "Parallel"))).anySatisfy(r -> assertThat(r.reason()).contains("spec.podManagementPolicy"));
    }

    @Test
    void aClaimMayGrowButAnyOtherSpecChangeIsAReplacement() {
        String pvc = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec: {storageClassName: fast, accessModes: [ReadWriteOnce], "
                + "resources: {requests: {storage: 10Gi}}}\n";
        assertThat(classes(pvc, pvc.replace("10Gi", "20Gi"))).isEmpty();
        assertThat(classes(pvc, pvc.replace("10Gi", "5Gi"))).contains(RiskClass.DATA_LOSS);
        assertThat(classes(pvc, pvc.replace("fast", "slow"))).contains(RiskClass.REPLACE, RiskClass.DATA_LOSS);
    }

    @Test
    void aJobTemplateAndAStorageClassParameterAndARoleRefAreImmutable() {
        String job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {containers: [{name: m, image: 'm:1'}]}}}\n";
        assertThat(classes(job, job.replace("m:1", "m:2"))).containsExactly(RiskClass.REPLACE);
        String sc = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: ebs.csi.aws.com\nparameters: {type: gp3}\n"
                + "allowVolumeExpansion: true\n";
        assertThat(classes(sc, sc.replace("gp3", "io2"))).contains(RiskClass.REPLACE);
        assertThat(classes(sc, sc.replace("allowVolumeExpansion: true", "allowVolumeExpansion: false"))).isEmpty();
        String binding = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects: [{kind: ServiceAccount, name: a, namespace: n}]\n";
        assertThat(classes(binding, binding.replace("name: reader", "name: admin"))).contains(RiskClass.REPLACE, RiskClass.RBAC_WIDENED);
    }

    @Test
    void aRoleGainingAVerbOrAWildcardIsWidenedAndLosingOneIsNot() {
        String role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n"
                + "rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]\n";
        assertThat(risks(role, role.replace("[get]", "[get, list]"))).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("list secrets"));
        assertThat(risks(role, role.replace("[secrets]", "['*']"))).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("wildcard").contains("get *"));
        assertThat(risks(role.replace("[get]", "[get, list]"), role)).isEmpty();
    }

    @Test
    void aBindingToABroaderSubjectIsWidened() {
        String binding = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: a, namespace: n}]\n";
        String broader = binding.replace("subjects: [{kind: ServiceAccount, name: a, namespace: n}]",
                "subjects: [{kind: ServiceAccount, name: a, namespace: n}, {kind: Group, name: 'system:authenticated'}]");
        assertThat(risks(binding, broader)).singleElement().satisfies(r -> {
            assertThat(r.riskClass()).isEqualTo(RiskClass.RBAC_WIDENED);
            assertThat(r.reason()).contains("Group/system:authenticated").contains("reaches many accounts");
        });
    }

    private static final String POLICY = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: n}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress, Egress]
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: 5432, protocol: TCP}]
              egress:
              - to: [{ipBlock: {cidr: 10.0.0.0/16}}]
                ports: [{port: 443, protocol: TCP}]
            """;

    @Test
    void aPolicyGainingAPeerOrPortIsOpened() {
        assertThat(risks(POLICY, POLICY.replace("ports: [{port: 5432, protocol: TCP}]", "ports: [{port: 5432, protocol: TCP}, {port: 22, protocol: TCP}]")))
                .singleElement().satisfies(r -> assertThat(r.reason()).contains("allows ingress").contains("TCP/22"));
        assertThat(classes(POLICY, POLICY.replace("{app: web}", "{app: worker}"))).containsExactly(RiskClass.NETWORK_OPENED);
    }

    @Test
    void aWiderIpBlockIsNamedAsAWidening() {
        assertThat(risks(POLICY, POLICY.replace("10.0.0.0/16", "0.0.0.0/0"))).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("ipBlock widened from 10.0.0.0/16 to 0.0.0.0/0"));
        assertThat(risks(POLICY, POLICY.replace("10.0.0.0/16", "10.0.1.0/24"))).isEmpty();
    }

    @Test
    void aRemovedDefaultDenyIsOpened() {
        String deny = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n";
        assertThat(risks(deny, null)).singleElement().satisfies(r -> assertThat(r.reason()).contains("removes the policy (a default deny)"));
        assertThat(risks(deny, deny.replace("policyTypes: [Ingress]", "policyTypes: [Egress]")))
                .singleElement().satisfies(r -> assertThat(r.reason()).contains("no longer restricts ingress (a default deny removed)"));
        assertThat(risks(null, deny)).isEmpty();
    }

    @Test
    void aLooserPdbIsFlaggedAndATighterOneIsNot() {
        String pdb = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {minAvailable: 2}\n";
        assertThat(risks(pdb, pdb.replace("minAvailable: 2", "minAvailable: 1"))).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("minAvailable from 2 to 1"));
        assertThat(risks(pdb, pdb.replace("minAvailable: 2", "minAvailable: 3"))).isEmpty();
        assertThat(classes(pdb, pdb.replace("minAvailable: 2", "maxUnavailable: 1"))).containsExactly(RiskClass.PDB_LOOSENED);
        assertThat(classes(pdb, null)).containsExactly(RiskClass.PDB_LOOSENED);
    }

    @Test
    void aServicePortOrSelectorChangeIsFlaggedButAnAddedPortIsNot() {
        String svc = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}\n";
        assertThat(risks(svc, svc.replace("port: 80,", "port: 8081,"))).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("http 80/TCP -> 8080 removed or changed"));
        assertThat(classes(svc, svc.replace("{app: web}", "{app: web2}"))).containsExactly(RiskClass.SERVICE_CHANGED);
        assertThat(classes(svc, svc.replace("targetPort: 8080}]", "targetPort: 8080}, {name: m, port: 9090}]"))).isEmpty();
        assertThat(classes(svc, svc.replace("spec: {", "spec: {type: ExternalName, ")))
                .containsExactly(RiskClass.REPLACE, RiskClass.SERVICE_CHANGED);
    }

    @Test
    void aChangeOnlyInHowAQuantityIsWrittenIsANoOp() {
        Map<ObjectKey, ObjectNode> before = new LinkedHashMap<>();
        Map<ObjectKey, ObjectNode> after = new LinkedHashMap<>();
        ObjectNode was = yaml(DEPLOYMENT);
        ObjectNode now = yaml(DEPLOYMENT.replace("cpu: 100m, memory: 1Gi", "cpu: '0.1', memory: 1024Mi"));
        before.put(ObjectKey.of(was), was);
        after.put(ObjectKey.of(now), now);
        StackDiff diff = ManifestDiff.compare("s", before, after, 3);
        assertThat(diff.changes()).singleElement().satisfies(c -> assertThat(c.type()).isEqualTo(ObjectChange.Type.NOOP));
        assertThat(diff.differs()).isFalse();

        ObjectNode bigger = yaml(DEPLOYMENT.replace("cpu: 100m", "cpu: 200m"));
        assertThat(ManifestDiff.compare("s", before, Map.of(ObjectKey.of(bigger), bigger), 3).differs()).isTrue();
    }
}
