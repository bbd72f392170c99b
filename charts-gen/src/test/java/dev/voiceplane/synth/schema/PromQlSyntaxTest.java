package dev.voiceplane.synth.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.testing.Testing;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PromQlSyntaxTest {
    private static final PromQlSyntax PROMQL = new PromQlSyntax();

    static List<String> stacks() {
        return Testing.stacks().names();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyAlertAndDashboardQueryParsesWithPrometheussOwnGrammar(String stack) {
        List<PromQlSyntax.Query> queries = PromQlSyntax.queries(Testing.objects(stack));
        assertThat(queries).hasSizeGreaterThan(30);
        assertThat(PROMQL.check(queries)).isEmpty();
    }

    @Test
    void queriesComeFromAlertRulesAndEveryDashboardPanel() {
        List<PromQlSyntax.Query> queries = PromQlSyntax.queries(Testing.objects("bharatvoice-production"));
        assertThat(queries).anySatisfy(q -> assertThat(q.source()).endsWith("DatabaseFailure"));
        assertThat(queries).anySatisfy(q -> assertThat(q.source()).contains("panel 'Voice processing percentiles'"));
    }

    @Test
    void aQueryThatDoesNotParseIsReportedWithItsSource() {
        var broken = new PromQlSyntax.Query("PrometheusRule/ns/x Broken", "sum(rate(http_server_requests_seconds_count[5m]) > ");
        var fine = new PromQlSyntax.Query("PrometheusRule/ns/x Fine", "up == 0");
        assertThat(PROMQL.check(List.of(broken, fine))).containsOnlyKeys(broken);
    }
}
