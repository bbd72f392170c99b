package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Admission on a replica of three calls with two per user, against a clock the test moves. */
class CallAdmissionTest {

    private static final Principal ANNA = new Principal("anna", Set.of(Role.USER), "login-1");
    private static final Principal GATEWAY = new Principal("telephony-gateway", Set.of(Role.SERVICE), "");
    private static final Principal OPERATOR = new Principal("ops", Set.of(Role.ADMIN), "login-2");

    private final SessionRegistry sessions = new SessionRegistry();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final CallAdmission admission = new CallAdmission(sessions, draining::get, metrics, 3, 2, now::get);

    private Optional<String> admit(String sessionId, Principal principal) {
        return admission.admit(sessionId, new CallSession(principal, new RecordingSocket()), null);
    }

    private double rejected(String reason) {
        return metrics.counter("realtime_calls_rejected", "reason", reason).count();
    }

    @Test
    void everyRejectionReasonIsRegisteredAtZero() {
        for (String reason : CallAdmission.REJECT_REASONS) {
            assertThat(metrics.find("realtime_calls_rejected").tag("reason", reason).counter()).isNotNull();
        }
    }

    @Test
    void aFullReplicaRefusesTheUpgradeWith503BeforeReadingTheToken() {
        assertThat(admit("s1", GATEWAY)).isEmpty();
        assertThat(admit("s2", GATEWAY)).isEmpty();
        assertThat(admit("s3", GATEWAY)).isEmpty();

        Optional<CallAdmission.Refusal> refusal = admission.atUpgrade(() -> {
            throw new AssertionError("the token is not verified when there is no room anyway");
        });

        assertThat(refusal).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.reason()).isEqualTo("capacity");
            assertThat(r.retryAfterSeconds()).isEqualTo(1);
            assertThat(r.message()).contains("MAX_CONCURRENT_CALLS of 3");
        });
        assertThat(rejected("capacity")).isEqualTo(1);
    }

    @Test
    void aDrainingReplicaRefusesTheUpgradeAndReservations() {
        draining.set(true);

        assertThat(admission.atUpgrade(() -> Optional.of(ANNA))).get().extracting(CallAdmission.Refusal::reason).isEqualTo("draining");
        assertThat(admission.reserve("CA1", Duration.ofMinutes(1))).isFalse();
        assertThat(rejected("draining")).isEqualTo(2);
    }

    @Test
    void aUserHoldingTheirSocketsIsRefusedWith429AndRoomForOthersStays() {
        assertThat(admission.atUpgrade(() -> Optional.of(ANNA))).isEmpty();
        assertThat(admit("s1", ANNA)).isEmpty();
        assertThat(admission.atUpgrade(() -> Optional.of(ANNA))).isEmpty();
        assertThat(admit("s2", ANNA)).isEmpty();

        Optional<CallAdmission.Refusal> third = admission.atUpgrade(() -> Optional.of(ANNA));

        assertThat(third).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.reason()).isEqualTo("user-cap");
            assertThat(r.retryAfterSeconds()).isEqualTo(5);
            assertThat(r.message()).contains("2 call sockets", "MAX_CALLS_PER_USER");
        });
        assertThat(admission.atUpgrade(() -> Optional.of(new Principal("ben", Set.of(Role.USER), "login-3")))).isEmpty();
        assertThat(rejected("user-cap")).isEqualTo(1);
    }

    @Test
    void gatewaysAndOperatorsAreBoundedByCapacityAlone() {
        CallAdmission roomy = new CallAdmission(sessions, draining::get, metrics, 10, 2, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(roomy.atUpgrade(() -> Optional.of(GATEWAY))).isEmpty();
            assertThat(roomy.admit("gateway-" + i, new CallSession(GATEWAY, new RecordingSocket()), null)).isEmpty();
            assertThat(roomy.atUpgrade(() -> Optional.of(OPERATOR))).isEmpty();
            assertThat(roomy.admit("operator-" + i, new CallSession(OPERATOR, new RecordingSocket()), null)).isEmpty();
        }
        assertThat(roomy.admit("anna-0", new CallSession(ANNA, new RecordingSocket()), null)).isEmpty();
        assertThat(roomy.admit("anna-1", new CallSession(ANNA, new RecordingSocket()), null)).isEmpty();
        assertThat(roomy.admit("anna-2", new CallSession(ANNA, new RecordingSocket()), null)).contains("too many calls of one user");
        assertThat(sessions.size()).isEqualTo(8);
    }

    /** Two upgrades can pass the first check together; the second check closes the one over the limit. */
    @Test
    void aSocketThatRacedPastTheUpgradeIsLeftOutOfTheRegistry() {
        assertThat(admit("s1", GATEWAY)).isEmpty();
        assertThat(admit("s2", ANNA)).isEmpty();
        assertThat(admit("s3", ANNA)).isEmpty();

        assertThat(admit("s4", GATEWAY)).contains("replica at capacity");
        assertThat(sessions.get("s4")).isNull();
        assertThat(sessions.size()).isEqualTo(3);
        assertThat(rejected("capacity")).isEqualTo(1);

        sessions.remove("s1");
        assertThat(admit("s5", ANNA)).contains("too many calls of one user");
        assertThat(sessions.get("s5")).isNull();
        assertThat(rejected("user-cap")).isEqualTo(1);
    }

    @Test
    void aReservationHoldsAPlaceThatOnlyItsOwnStreamMayTake() {
        assertThat(admit("s1", GATEWAY)).isEmpty();
        assertThat(admit("s2", GATEWAY)).isEmpty();
        assertThat(admission.reserve("CA1", Duration.ofMinutes(1))).isTrue();

        assertThat(admission.reserve("CA2", Duration.ofMinutes(1))).as("the last place is held").isFalse();
        assertThat(admission.atUpgrade(() -> Optional.of(GATEWAY))).get().extracting(CallAdmission.Refusal::reason).isEqualTo("capacity");
        assertThat(admission.admit("s3", new CallSession(GATEWAY, new RecordingSocket()), "CA1")).isEmpty();
        assertThat(sessions.size()).isEqualTo(3);
    }

    @Test
    void aReservationWhoseStreamNeverOpensExpiresAfterItsHold() {
        assertThat(admit("s1", GATEWAY)).isEmpty();
        assertThat(admit("s2", GATEWAY)).isEmpty();
        assertThat(admission.reserve("CA1", Duration.ofSeconds(30))).isTrue();
        assertThat(admission.reserve("CA2", Duration.ofSeconds(30))).isFalse();

        now.addAndGet(Duration.ofSeconds(30).toNanos() + 1);

        assertThat(admission.reserve("CA2", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void anUnreservedPlaceIsFreeAtOnce() {
        assertThat(admit("s1", GATEWAY)).isEmpty();
        assertThat(admit("s2", GATEWAY)).isEmpty();
        assertThat(admission.reserve("CA1", Duration.ofMinutes(1))).isTrue();

        admission.unreserve("CA1");

        assertThat(admission.atUpgrade(() -> Optional.of(GATEWAY))).isEmpty();
    }
}
