package dev.voiceplane.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.stack.Cloud;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pod Security and quota see the containers Istio's injector adds, as its template writes them. */
class IstioInjectionTest {
    private static final ClusterFacts CLASSIC = new ClusterFacts(Cloud.NONE, "calico", false, false, false, Set.of("letsencrypt"));

    @Test
    void classicInjectionAddsIstioInitWhichRestrictedRefusesForItsCapabilitiesAndRoot() {
        Report caps = RuleCase.run("pss-capabilities", RuleCase.CLEAN, CLASSIC);
        assertThat(caps.open()).anySatisfy(f -> {
            assertThat(f.object().id()).isEqualTo("Deployment/shop/web");
            assertThat(f.path()).isEqualTo("/spec/template/spec");
            assertThat(f.message()).contains("istio-init").contains("injected by Istio").contains("NET_ADMIN");
        });
        Report root = RuleCase.run("pss-run-as-non-root", RuleCase.CLEAN, CLASSIC);
        assertThat(root.open()).anySatisfy(f -> assertThat(f.message()).contains("istio-init").contains("runAsNonRoot: false"));
    }

    @Test
    void withTheIstioCniTheInjectedIstioValidationPassesRestricted() {
        for (String rule : new String[] {"pss-capabilities", "pss-run-as-non-root", "pss-run-as-user", "pss-privilege-escalation"}) {
            assertThat(RuleCase.run(rule, RuleCase.CLEAN, RuleCase.FACTS).findings()).as(rule).isEmpty();
        }
    }

    @Test
    void withoutPodLevelSeccompTheInjectedProxyIsRefusedEvenWhenTheAppContainerSetsItsOwn() {
        String yaml = RuleCase.CLEAN
                .replace("        seccompProfile:\n          type: RuntimeDefault\n      topologySpreadConstraints:", "      topologySpreadConstraints:")
                .replace("          securityContext: # web\n", "          securityContext: # web\n            seccompProfile:\n              type: RuntimeDefault\n");
        Report report = RuleCase.run("pss-seccomp", yaml, RuleCase.FACTS);
        assertThat(report.open()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("istio-proxy").contains("must come from the pod"))
                .noneSatisfy(m -> assertThat(m).startsWith("container 'web'"));
    }

    @Test
    void aPodThatOptsOutOfInjectionGetsNoSidecar() {
        String yaml = RuleCase.CLEAN.replace("      labels:\n        app: web\n    spec:", "      labels:\n        app: web\n        sidecar.istio.io/inject: \"false\"\n    spec:");
        Model model = new Model(YamlDocuments.read("t.yaml", yaml), CLASSIC, java.util.Optional.empty());
        PodTemplate web = model.declaredPods().stream().filter(p -> p.owner().name().equals("web")).findFirst().orElseThrow();
        assertThat(model.containers(web)).extracting(Container::name).containsExactly("web");
    }

    @Test
    void theSidecarTakesItsResourcesFromThePodsAnnotationsElseIstiosDefaults() {
        String yaml = RuleCase.CLEAN.replace("      labels:\n        app: web\n    spec:",
                "      labels:\n        app: web\n      annotations:\n        sidecar.istio.io/proxyCPU: 50m\n        sidecar.istio.io/proxyCPULimit: 200m\n    spec:");
        Model model = new Model(YamlDocuments.read("t.yaml", yaml), RuleCase.FACTS, java.util.Optional.empty());
        PodTemplate web = model.declaredPods().stream().filter(p -> p.owner().name().equals("web")).findFirst().orElseThrow();
        Container proxy = model.containers(web).stream().filter(c -> c.name().equals("istio-proxy")).findFirst().orElseThrow();
        assertThat(proxy.node().at("/resources/requests/cpu").asText()).isEqualTo("50m");
        assertThat(proxy.node().at("/resources/limits/cpu").asText()).isEqualTo("200m");
        assertThat(proxy.node().at("/resources/requests/memory").asText()).isEqualTo(IstioSidecar.DEFAULT_REQUEST_MEMORY);
        assertThat(proxy.node().at("/resources/limits/memory").asText()).isEqualTo(IstioSidecar.DEFAULT_LIMIT_MEMORY);
    }

    @Test
    void aBaselineNamespaceIsCheckedForBaselineControlsOnly() {
        String baseline = RuleCase.CLEAN.replace("pod-security.kubernetes.io/enforce: restricted", "pod-security.kubernetes.io/enforce: baseline")
                .replace("        seccompProfile:\n          type: RuntimeDefault\n      topologySpreadConstraints:", "      topologySpreadConstraints:")
                .replace("      serviceAccountName: web\n", "      serviceAccountName: web\n      hostNetwork: true\n");
        assertThat(RuleCase.run("pss-seccomp", baseline, RuleCase.FACTS).findings()).as("restricted-only control").isEmpty();
        assertThat(RuleCase.run("pss-host-namespaces", baseline, RuleCase.FACTS).open()).as("baseline control").isNotEmpty();
    }
}
