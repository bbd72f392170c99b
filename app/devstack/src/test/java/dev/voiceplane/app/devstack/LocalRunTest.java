package dev.voiceplane.app.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.runtime.CallBudgets;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's data and shutdown: issue 10, item 7. */
class LocalRunTest {

    /** The services wait at least the testkit's floor on their stores: a busy machine must not fail a write. */
    static final CallBudgets TEST_BUDGETS = CallBudgets.testFloor(ServiceUnderTest.BUDGET_FLOOR);

    private static TestResponse addEntry(LocalRun run, String number) {
        return new TestHttp(run.stack().service("smart-whitelist").url()).post("/api/users/keeper/entries",
                Map.of("number", number, "kind", "BLOCK"), Tokens.of(run).user("keeper"));
    }

    private static TestResponse entries(LocalRun run) {
        return new TestHttp(run.stack().service("smart-whitelist").url()).get("/api/users/keeper/entries", Tokens.of(run).user("keeper"));
    }

    @Test
    void keepDataKeepsPostgresAcrossRestartsAndTheDefaultStartsFresh(@TempDir Path kept) {
        try (LocalRun first = LocalRun.start(0, 0, List.of("smart-whitelist"), Optional.of(kept), TEST_BUDGETS)) {
            assertThat(addEntry(first, "+4930555111").status()).isEqualTo(201);
        }
        assertThat(Files.isRegularFile(kept.resolve("postgres/postgresql.conf"))).isTrue();
        try (LocalRun second = LocalRun.start(0, 0, List.of("smart-whitelist"), Optional.of(kept), TEST_BUDGETS)) {
            assertThat(entries(second).raw()).contains("+4930555111");
        }
        try (LocalRun fresh = LocalRun.start(0, 0, List.of("smart-whitelist"), Optional.empty(), TEST_BUDGETS)) {
            assertThat(entries(fresh).json()).isEmpty();
        }
    }

    @Test
    void servicesStopBeforeTheStoresInReverseStartOrder() {
        LocalRun run = LocalRun.start(0, 0, List.of("profile-analytics", "smart-whitelist"), Optional.empty(), TEST_BUDGETS);
        run.close();
        assertThat(run.stopOrder()).containsExactly("smart-whitelist", "profile-analytics", "stores");
    }

    @Test
    void theCommandLineNamesServicesAndTheKeepDataOption() {
        assertThat(DevStack.Options.parse("smart-whitelist").keepData()).isEmpty();
        assertThat(DevStack.Options.parse("--keep-data", "smart-whitelist").keepData()).contains(DevStack.KEPT_DATA);
        assertThat(DevStack.Options.parse("--keep-data=/srv/vp").keepData()).contains(Path.of("/srv/vp"));
        assertThat(DevStack.Options.parse("--keep-data", "a", "b").services()).containsExactly("a", "b");
        assertThatThrownBy(() -> DevStack.Options.parse("--keep")).hasMessageContaining("unknown option '--keep'");
    }

    /** Tokens for the services of a run, signed with the local key. */
    record Tokens(LocalRun run) {
        static Tokens of(LocalRun run) {
            return new Tokens(run);
        }

        String user(String id) {
            return new dev.voiceplane.app.core.auth.AccessTokens(dev.voiceplane.app.testkit.LocalEnvironment.ACCESS_SECRET,
                    java.time.Clock.systemUTC()).issue(new dev.voiceplane.app.core.auth.Principal(id, java.util.Set.of(Role.USER), ""),
                    java.time.Duration.ofMinutes(5));
        }
    }
}
