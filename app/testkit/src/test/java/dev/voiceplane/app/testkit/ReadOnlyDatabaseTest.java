package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, item 6: a database that answers but takes no writes (a replica, or a primary demoted in a
 * failover) still reported the service ready, so it kept getting traffic it could only fail. A service
 * that writes is now not ready on one, and ready again once the database takes writes.
 */
class ReadOnlyDatabaseTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of(SampleService.SPEC, SampleService::new);

    @Test
    void aWriterIsNotReadyOnAReadOnlyDatabase() {
        assertThat(SERVICE.http().get("/health/ready", null).status()).isEqualTo(200);
        readOnly(true);
        try {
            SERVICE.restart(); // a new pool: every connection now opens read-only
            TestResponse ready = SERVICE.http().get("/health/ready", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("checks").path("postgres").asText()).isNotEqualTo("up");
        } finally {
            readOnly(false);
            SERVICE.restart();
        }
        assertThat(SERVICE.http().get("/health/ready", null).status()).isEqualTo(200);
    }

    /** Makes the test's database open every new session read-only (or read-write again). */
    private static void readOnly(boolean on) {
        SERVICE.runtime().context().database().jdbi().useHandle(h -> {
            h.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
            h.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_read_only = " + (on ? "on" : "off")
                    + "', current_database()); END $$");
        });
    }
}
