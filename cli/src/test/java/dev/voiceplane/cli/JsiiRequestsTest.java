package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceplane.charts.DisruptionBudget;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** The bench's jsii request counter, on real requests to Node. */
class JsiiRequestsTest {

    @Test
    void eachRequestIsChargedToTheOutermostConstructOfOursThatMadeIt() {
        Chart chart = new Chart(new App(), "test");
        try (JsiiRequests requests = JsiiRequests.count(true)) {
            assertThat(requests.installed()).isTrue();
            new DisruptionBudget(chart, "budget", DisruptionBudget.Props.builder("demo", "shop", Map.of("app", "demo")).build());
            long byBudget = requests.total();
            assertThat(byBudget).isPositive();
            assertThat(requests.byConstruct()).containsExactly(Map.entry("DisruptionBudget", byBudget));
            assertThat(requests.byRequest()).containsKey("DisruptionBudget: create cdk8s-plus-33.k8s.KubePodDisruptionBudget");

            new Chart(new App(), "other");
            // Outside any construct of ours: the class that asked.
            assertThat(requests.byConstruct()).containsKey("JsiiRequestsTest");
            assertThat(requests.byRequest()).containsKey("JsiiRequestsTest: create cdk8s.Chart");
            assertThat(requests.byConstruct().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(requests.total());
        }
    }

    @Test
    void onceClosedNothingMoreIsCounted() {
        JsiiRequests requests = JsiiRequests.count(false);
        requests.close();
        new App();
        assertThat(requests.total()).isZero();
    }

    @Test
    void aRequestIsAboutItsOwnTypeOrItsObjectReferencesType() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(JsiiRequests.type(json.readTree("{\"api\":\"create\",\"fqn\":\"cdk8s-plus-33.Deployment\"}")))
                .isEqualTo("cdk8s-plus-33.Deployment");
        assertThat(JsiiRequests.type(json.readTree("{\"api\":\"invoke\",\"objref\":{\"$jsii.byref\":\"cdk8s.ApiObject@10042\"},"
                + "\"method\":\"addJsonPatch\"}"))).isEqualTo("cdk8s.ApiObject");
        assertThat(JsiiRequests.type(json.readTree("{\"api\":\"naming\",\"assembly\":\"cdk8s\"}"))).isEqualTo("cdk8s");
    }
}
