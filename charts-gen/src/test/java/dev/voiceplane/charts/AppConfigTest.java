package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void theConfigMapHoldsExactlyTheValuesInKeyOrder() {
        Chart chart = Testing.chart();
        AppConfig config = new AppConfig(chart, "config", new AppConfig.Props("shop-config", "shop", Map.of("B_KEY", "2", "A_KEY", "1")));
        ObjectNode map = object(chart, "ConfigMap", "shop-config");
        assertThat(config.name()).isEqualTo("shop-config");
        assertThat(map.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(map.at("/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("config");
        List<String> keys = new java.util.ArrayList<>();
        map.path("data").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("A_KEY", "B_KEY");
        assertThat(map.at("/data/B_KEY").asText()).isEqualTo("2");
    }

    @Test
    void theVersionFollowsEveryValueButNotTheOrderTheyWereGivenIn() {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("B_KEY", "2");
        values.put("A_KEY", "1");
        String version = AppConfig.version(values);
        assertThat(version).matches("sha256:[0-9a-f]{16}");
        assertThat(AppConfig.version(new java.util.TreeMap<>(values))).isEqualTo(version);
        assertThat(AppConfig.version(Map.of("A_KEY", "1", "B_KEY", "3"))).isNotEqualTo(version);
        assertThat(AppConfig.version(Map.of("A_KEY", "1", "B", "_KEY=2"))).isNotEqualTo(version);
    }
}
