package dev.voiceplane.app.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallBudgetsTest {

    static final Duration PROFILE = Duration.ofMillis(300);
    static final Duration ANALYSIS = Duration.ofSeconds(10);

    @Test
    void productionAppliesEveryBudgetAsStated() {
        assertThat(CallBudgets.PRODUCTION.apply("profile-analytics", PROFILE)).isEqualTo(PROFILE);
        assertThat(CallBudgets.PRODUCTION.apply(CallBudgets.POSTGRES, Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(500));
        assertThat(CallBudgets.PRODUCTION.production()).isTrue();
    }

    @Test
    void aTestFloorRaisesShortBudgetsAndLeavesLongerOnes() {
        CallBudgets budgets = CallBudgets.testFloor(Duration.ofSeconds(5));

        assertThat(budgets.apply("profile-analytics", PROFILE)).isEqualTo(Duration.ofSeconds(5));
        assertThat(budgets.apply(CallBudgets.REDIS, Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(5));
        assertThat(budgets.apply("azure-openai", ANALYSIS)).isEqualTo(ANALYSIS);
        assertThat(budgets.production()).isFalse();
    }

    @Test
    void anExactBudgetBeatsTheFloorForThatCallOnly() {
        CallBudgets budgets = CallBudgets.testFloor(Duration.ofSeconds(10)).exactly("profile-analytics", PROFILE);

        assertThat(budgets.apply("profile-analytics", Duration.ofMillis(800))).isEqualTo(PROFILE);
        assertThat(budgets.apply("conversation-engine", PROFILE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(budgets.toString()).contains("profile-analytics");
    }

    @Test
    void anExactBudgetOnProductionBudgetsIsNoLongerProduction() {
        assertThat(CallBudgets.PRODUCTION.exactly("profile-analytics", PROFILE).production()).isFalse();
    }

    @Test
    void nonsenseBudgetsAreRefused() {
        assertThatThrownBy(() -> CallBudgets.testFloor(Duration.ofSeconds(-1))).hasMessageContaining("negative");
        assertThatThrownBy(() -> CallBudgets.PRODUCTION.exactly("redis", Duration.ZERO)).hasMessageContaining("'redis'")
                .hasMessageContaining("positive");
    }
}
