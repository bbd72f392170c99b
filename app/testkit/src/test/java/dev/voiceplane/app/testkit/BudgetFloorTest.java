package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.voiceplane.app.core.db.Database;
import dev.voiceplane.app.core.runtime.CallBudgets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A service under test waits at least {@link ServiceUnderTest#BUDGET_FLOOR} on every network call, except one a test states. */
class BudgetFloorTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of(SampleService.SPEC, SampleService::new)
            .withBudget("exact-callee", Duration.ofMillis(250));

    @Test
    void aShortProductionBudgetIsRaisedToTheFloor() {
        assertThat(SERVICE.runtime().context().budget("profile-analytics", Duration.ofMillis(300))).isEqualTo(ServiceUnderTest.BUDGET_FLOOR);
        assertThat(SERVICE.runtime().context().budget("slow-api", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theDatabasePoolWaitsTheFloorForAConnectionNotTheProductionHalfSecond() {
        HikariDataSource pool = (HikariDataSource) SERVICE.runtime().context().database().dataSource();
        assertThat(Duration.ofMillis(pool.getConnectionTimeout())).isEqualTo(ServiceUnderTest.BUDGET_FLOOR)
                .isGreaterThan(Database.CONNECTION_TIMEOUT);
    }

    @Test
    void aBudgetTheTestStatesIsKeptExactly() {
        assertThat(SERVICE.runtime().context().budget("exact-callee", Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(250));
        assertThat(CallBudgets.PRODUCTION.apply(CallBudgets.POSTGRES, Database.CONNECTION_TIMEOUT)).isEqualTo(Database.CONNECTION_TIMEOUT);
    }
}
