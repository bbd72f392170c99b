package dev.voiceplane.charts.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.charts.monitoring.Dashboard.Panel;
import dev.voiceplane.charts.monitoring.Dashboard.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardTest {

    @Test
    void panelsFillTheTwentyFourColumnGridLeftToRightThenWrap() {
        JsonNode d = new Dashboard("d", "D", List.of())
                .add(Panel.stat("a", "short", "up")).add(Panel.stat("b", "short", "up"))
                .add(Panel.graph("c", "s", new Target("up", ""))).add(Panel.graph("e", "s", new Target("up", "")))
                .toJson();
        assertThat(d.at("/panels/2/gridPos/x").asInt()).isEqualTo(12);
        assertThat(d.at("/panels/2/gridPos/y").asInt()).isZero();
        assertThat(d.at("/panels/3/gridPos/x").asInt()).isZero();
        assertThat(d.at("/panels/3/gridPos/y").asInt()).isEqualTo(8);
    }

    @Test
    void everyPanelAndTargetUsesTheProvisionedPrometheusDatasource() {
        JsonNode d = new Dashboard("d", "D", List.of()).add(Panel.graph("c", "s", new Target("up", "{{pod}}"))).toJson();
        assertThat(d.at("/panels/0/datasource/uid").asText()).isEqualTo(Dashboard.PROMETHEUS_UID);
        assertThat(d.at("/panels/0/targets/0/datasource/uid").asText()).isEqualTo(Dashboard.PROMETHEUS_UID);
        assertThat(d.at("/panels/0/targets/0/legendFormat").asText()).isEqualTo("{{pod}}");
    }

    @Test
    void aServiceVariableBecomesAGrafanaTemplateQuery() {
        JsonNode d = new Dashboard("d", "D", List.of()).serviceVariable("up", "service").toJson();
        assertThat(d.at("/templating/list/0/query").asText()).isEqualTo("label_values(up, service)");
        assertThat(new Dashboard("d", "D", List.of()).toJson().at("/templating/list").size()).isZero();
    }

    @Test
    void badUidsWidthsAndEmptyPanelsAreRejected() {
        assertThatThrownBy(() -> new Dashboard("Has Spaces", "D", List.of())).hasMessageContaining("'Has Spaces'");
        assertThatThrownBy(() -> new Panel("p", Dashboard.Kind.STAT, "s", 25, 4, List.of(new Target("up", ""))))
                .hasMessageContaining("width must be 1..24");
        assertThatThrownBy(() -> new Panel("p", Dashboard.Kind.STAT, "s", 6, 4, List.of())).hasMessageContaining("has no query");
    }

    @Test
    void renderingIsDeterministic() {
        Dashboard a = Dashboards.systemOverview("s", new Queries("ns"), List.of("t"));
        Dashboard b = Dashboards.systemOverview("s", new Queries("ns"), List.of("t"));
        assertThat(a.render()).isEqualTo(b.render());
    }
}
