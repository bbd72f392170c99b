package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 10: what a start frame may claim depends on who sent it. */
class StartFrameTest {

    private static final Principal ANNA = new Principal("anna", Set.of(Role.USER), "login-1");
    private static final Principal GATEWAY = new Principal("telephony-gateway", Set.of(Role.SERVICE), "");
    private static final Principal OPERATOR = new Principal("ops", Set.of(Role.ADMIN), "login-2");

    private static JsonNode frame(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    private static void refused(String json, Principal sender, String code, String message) {
        assertThatThrownBy(() -> StartFrame.read(frame(json), sender)).isInstanceOfSatisfying(StartFrame.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(code);
            assertThat(refused.getMessage()).contains(message);
        });
    }

    @Test
    void aUsersFrameTakesTheUserFromTheTokenAndPcm16ByDefault() throws Exception {
        StartFrame start = StartFrame.read(frame("{\"type\":\"start\",\"callId\":\"call-1\"}"), ANNA);

        assertThat(start).isEqualTo(new StartFrame("call-1", "anna", null, AudioFormat.PCM16));
    }

    @Test
    void aUserTokenMayNotAssertACallerNumber() {
        refused("{\"callId\":\"call-1\",\"callerNumber\":\"+4930123456\"}", ANNA, "forbidden", "only a telephony provider may assert 'callerNumber'");
        refused("{\"callId\":\"call-1\",\"callerNumber\":\"+4930123456\"}", OPERATOR, "forbidden", "callerNumber");
    }

    @Test
    void aGatewaysCallerNumberIsNormalisedToE164() throws Exception {
        StartFrame start = StartFrame.read(frame("{\"callId\":\"call-1\",\"userId\":\"anna\",\"callerNumber\":\"+49 (30) 123-456\","
                + "\"audio\":{\"encoding\":\"mulaw\",\"sampleRate\":8000}}"), GATEWAY);

        assertThat(start).isEqualTo(new StartFrame("call-1", "anna", "+4930123456", AudioFormat.MULAW));
    }

    @Test
    void aGatewaysCallerNumberThatIsNoPhoneNumberIsABadRequest() {
        refused("{\"callId\":\"call-1\",\"userId\":\"anna\",\"callerNumber\":\"call me maybe\"}", GATEWAY, "bad-request", "callerNumber");
    }

    @Test
    void aNullCallerNumberIsNoneAsserted() throws Exception {
        assertThat(StartFrame.read(frame("{\"callId\":\"call-1\",\"callerNumber\":null}"), ANNA).callerNumber()).isNull();
    }

    @Test
    void aUserMayOnlyTakeTheirOwnCallsWhileGatewaysAndOperatorsActForAnyone() throws Exception {
        refused("{\"callId\":\"call-1\",\"userId\":\"ben\"}", ANNA, "forbidden", "you may only take your own calls");

        assertThat(StartFrame.read(frame("{\"callId\":\"call-1\",\"userId\":\"ben\"}"), GATEWAY).userId()).isEqualTo("ben");
        assertThat(StartFrame.read(frame("{\"callId\":\"call-1\",\"userId\":\"ben\"}"), OPERATOR).userId()).isEqualTo("ben");
    }

    @Test
    void idsOutsideTheSafeAlphabetAreRefusedBeforeAnyClaimIsChecked() {
        refused("{}", ANNA, "bad-request", "field 'callId' and 'userId' must be 1-64 letters");
        refused("{\"callId\":\"../../admin\"}", ANNA, "bad-request", "'callId'");
        refused("{\"callId\":\"call-1\",\"userId\":\"anna:*\"}", ANNA, "bad-request", "'userId'");
        refused("{\"callId\":\"" + "c".repeat(65) + "\"}", ANNA, "bad-request", "1-64");
        // A malformed id is a bad request even when the claim would be forbidden too.
        refused("{\"callId\":\"\",\"callerNumber\":\"+4930123456\"}", ANNA, "bad-request", "'callId'");
    }

    @Test
    void anAudioFormatThatDoesNotMatchItsRateIsABadRequest() {
        refused("{\"callId\":\"call-1\",\"audio\":{\"encoding\":\"mulaw\",\"sampleRate\":16000}}", ANNA, "bad-request", "audio.sampleRate");
        refused("{\"callId\":\"call-1\",\"audio\":\"mulaw\"}", ANNA, "bad-request", "field 'audio' must be an object");
    }
}
