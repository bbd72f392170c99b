package dev.voiceplane.charts.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.charts.monitoring.AlertRules.Alert;
import dev.voiceplane.charts.monitoring.AlertRules.Severity;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    @Test
    void alertNamesAreCamelCaseAndForIsADuration() {
        assertThatThrownBy(() -> new Alert("g", "high-latency", "up == 0", "5m", Severity.WARNING, "s", "d"))
                .hasMessageContaining("'high-latency' must be CamelCase");
        assertThatThrownBy(() -> new Alert("g", "HighLatency", "up == 0", "five minutes", Severity.WARNING, "s", "d"))
                .hasMessageContaining("'five minutes'");
    }

    @Test
    void everyQueryIsScopedToItsNamespace() {
        Queries q = new Queries("bharatvoice");
        assertThat(AlertRules.common(q)).allSatisfy(a -> assertThat(a.expr()).contains("namespace=\"bharatvoice\""));
        assertThat(AlertRules.aiNinja(q)).allSatisfy(a -> assertThat(a.expr()).contains("namespace=\"bharatvoice\""));
        // The application's alerts read its own scrape job, except voice processing, which is the worker's.
        assertThat(AlertRules.application(q, "bharatvoice-app")).filteredOn(a -> !a.name().startsWith("Voice"))
                .allSatisfy(a -> assertThat(a.expr()).contains("job=\"bharatvoice-app\""));
        assertThat(AlertRules.application(q, "bharatvoice-app")).allSatisfy(a -> assertThat(a.expr()).contains("namespace=\"bharatvoice\""));
    }

    @Test
    void voiceQueriesAreHeldToTheGuidesTargetsPerLanguage() {
        var alerts = AlertRules.application(new Queries("bharatvoice"), "bharatvoice-app");
        assertThat(alerts).filteredOn(a -> a.name().equals("VoiceSimpleQueryAboveTwoSeconds")).singleElement().satisfies(a -> {
            assertThat(a.expr()).startsWith("histogram_quantile(0.95, sum by (language, le) (rate(bharatvoice_voice_query_seconds_bucket{")
                    .contains("size=\"simple\"").endsWith(" > 2");
        });
        assertThat(alerts).filteredOn(a -> a.name().equals("VoiceComplexQueryAboveFiveSeconds")).singleElement()
                .satisfies(a -> assertThat(a.expr()).contains("size=\"complex\"").endsWith(" > 5"));
        assertThat(alerts).filteredOn(a -> a.name().equals("VoiceStageFailing")).singleElement()
                .satisfies(a -> assertThat(a.expr()).contains("sum by (stage, language) (rate(bharatvoice_voice_failures_total{"));
    }

    @Test
    void availabilityAndDatabaseAlertsOfTheApplicationPage() {
        assertThat(AlertRules.application(new Queries("n"), "app")).filteredOn(a -> a.group().equals("availability"))
                .allSatisfy(a -> assertThat(a.severity()).isEqualTo(Severity.CRITICAL));
    }

    /** One PrometheusRule whose groups are the alerts' groups, named after the namespace, sorted by name. */
    @Test
    void theConstructGroupsItsAlertsIntoOnePrometheusRuleSelectedByItsLabels() {
        org.cdk8s.Chart chart = dev.voiceplane.testing.Testing.chart();
        new AlertRules(chart, "alerts", new AlertRules.Props("store-alerts", "store-ns", java.util.Map.of("app.kubernetes.io/part-of", "store"),
                java.util.List.of(new Alert("performance", "SlowPages", "up == 0", "5m", Severity.WARNING, "slow", "pages are slow"),
                        new Alert("availability", "ShopDown", "up == 0", "2m", Severity.CRITICAL, "down", "the shop is down"),
                        new Alert("performance", "SlowSearch", "up == 0", "10m", Severity.WARNING, "slow", "search is slow"))));
        var rule = dev.voiceplane.testing.Testing.object(chart, "PrometheusRule", "store-alerts");
        assertThat(rule.at("/metadata/namespace").asText()).isEqualTo("store-ns");
        assertThat(rule.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).isEqualTo("store");
        assertThat(rule.at("/spec/groups").findValuesAsText("name")).containsExactly("store-ns.availability", "store-ns.performance");
        assertThat(rule.at("/spec/groups/1/rules").findValuesAsText("alert")).containsExactly("SlowPages", "SlowSearch");
        var down = rule.at("/spec/groups/0/rules/0");
        assertThat(down.path("for").asText()).isEqualTo("2m");
        assertThat(down.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(down.at("/annotations/description").asText()).isEqualTo("the shop is down");
    }
}
