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
}
