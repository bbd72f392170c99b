package dev.voiceplane.app.realtimeprocessor.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.realtimeprocessor.testing.AcsStandIn;
import dev.voiceplane.app.realtimeprocessor.testing.TwilioApiStandIn;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Forwarding a put-through call: Twilio's call update with {@code <Dial>}, ACS's transfer, against local stand-ins of both APIs. */
class PutThroughTest {

    static final String TOKEN = "twilio-auth-token";
    static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    static final String CALL = "CA" + "fedcba9876543210".repeat(2);
    static final String OWNER = "+4930123456";
    static final TwilioApiStandIn TWILIO = TwilioApiStandIn.start(TOKEN);
    static final AcsStandIn ACS = AcsStandIn.start();

    @AfterAll
    static void stop() {
        TWILIO.close();
        ACS.close();
    }

    private static TwilioCalls twilio(String token) {
        return new TwilioCalls(TWILIO.url(), token, Duration.ofSeconds(10));
    }

    @Test
    void twilioUpdatesTheLiveCallWithTwimlThatDialsTheNumber() {
        twilio(TOKEN).dial(ACCOUNT, CALL, OWNER);

        assertThat(TWILIO.updates()).contains(new TwilioApiStandIn.Update(ACCOUNT, CALL, "<Response><Dial>+4930123456</Dial></Response>"));
    }

    @Test
    void aThrottledUpdateIsTriedOnceMoreAfterRetryAfter() {
        int before = TWILIO.updates().size();
        TWILIO.failingNext(429);

        twilio(TOKEN).dial(ACCOUNT, CALL, OWNER);

        assertThat(TWILIO.answered().subList(TWILIO.answered().size() - 2, TWILIO.answered().size())).containsExactly(429, 200);
        assertThat(TWILIO.updates()).hasSize(before + 1);
    }

    @Test
    void throttledTwiceOrACallNoLongerInProgressFailsWithTwiliosStatus() {
        TWILIO.failingNext(429).failingNext(429);
        assertThatThrownBy(() -> twilio(TOKEN).dial(ACCOUNT, CALL, OWNER)).isInstanceOf(TwilioCalls.TwilioApiException.class)
                .hasMessageContaining("429");
        TWILIO.failingNext(404);
        assertThatThrownBy(() -> twilio(TOKEN).dial(ACCOUNT, CALL, OWNER))
                .isInstanceOfSatisfying(TwilioCalls.TwilioApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aWrongAuthTokenIsRefusedAndNeverInTheMessage() {
        assertThatThrownBy(() -> twilio("not-the-token").dial(ACCOUNT, CALL, OWNER)).isInstanceOf(TwilioCalls.TwilioApiException.class)
                .hasMessageContaining("401").hasMessageNotContaining("not-the-token");
    }

    @Test
    void aNumberThatIsNotE164IsRefusedBeforeAnyRequest() {
        int before = TWILIO.answered().size();
        assertThatThrownBy(() -> twilio(TOKEN).dial(ACCOUNT, CALL, "030 123456")).isInstanceOf(TwilioCalls.TwilioApiException.class);
        assertThat(TWILIO.answered()).hasSize(before);
    }

    @Test
    void acsTransfersTheCallToThePhoneNumberAndRetriesAThrottledTransferOnce() {
        AcsCallAutomation automation = AcsCallAutomation.fromConnectionString(ACS.connectionString(), Clock.systemUTC(), Duration.ofSeconds(10));

        ACS.failingNext(429);
        automation.transfer("call-connection-1", OWNER);

        var transfer = ACS.requests().stream().filter(r -> r.action().equals("transferToParticipant")).reduce((a, b) -> b).orElseThrow().body();
        assertThat(transfer.path("targetParticipant").path("phoneNumber").path("value").asText()).isEqualTo(OWNER);
        assertThat(transfer.path("targetParticipant").path("rawId").asText()).isEqualTo("4:" + OWNER);
        ACS.failingNext(500);
        assertThatThrownBy(() -> automation.transfer("call-connection-2", OWNER)).isInstanceOf(AcsCallAutomation.AcsException.class).hasMessageContaining("500");
    }

    /** The stand-in checks ACS's HMAC as ACS does: a request signed with another key is refused and never taken. */
    @Test
    void acsRefusesATransferSignedWithAnotherKey() {
        String otherKey = java.util.Base64.getEncoder().encodeToString("not-the-acs-stand-in-access-key!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AcsCallAutomation forged = AcsCallAutomation.fromConnectionString(ACS.connectionString().replace(AcsStandIn.ACCESS_KEY, otherKey),
                Clock.systemUTC(), Duration.ofSeconds(10));
        int before = ACS.requests().size();

        assertThatThrownBy(() -> forged.transfer("call-connection-3", OWNER)).isInstanceOf(AcsCallAutomation.AcsException.class)
                .hasMessageContaining("401");
        assertThat(ACS.requests()).hasSize(before);
    }
}
