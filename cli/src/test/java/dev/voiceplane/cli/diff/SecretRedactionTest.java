package dev.voiceplane.cli.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode secret(String password, String token) throws Exception {
        return (ObjectNode) JSON.readTree(("{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s'},"
                + "'data':{'password':'" + password + "'},'stringData':{'token':'" + token + "'}}").replace('\'', '"'));
    }

    @Test
    void secretValuesNeverShowOnlyWhetherTheyChanged() throws Exception {
        ObjectNode[] shown = SecretRedaction.redact(secret("c2VjcmV0", "tok-1"), secret("bmV3LXNlY3JldA==", "tok-1"));

        assertThat(shown[0].toString()).doesNotContain("c2VjcmV0").doesNotContain("tok-1");
        assertThat(shown[1].toString()).doesNotContain("bmV3LXNlY3JldA").doesNotContain("tok-1");
        assertThat(shown[0].path("data").path("password").asText()).isEqualTo(SecretRedaction.HIDDEN);
        assertThat(shown[1].path("data").path("password").asText()).isEqualTo(SecretRedaction.HIDDEN_CHANGED);
        assertThat(shown[1].path("stringData").path("token").asText()).isEqualTo(SecretRedaction.HIDDEN);
    }

    @Test
    void aDeletedSecretIsHiddenTooAndOtherKindsAreLeftAlone() throws Exception {
        ObjectNode[] shown = SecretRedaction.redact(secret("c2VjcmV0", "tok-1"), null);
        assertThat(shown[0].toString()).doesNotContain("c2VjcmV0");
        assertThat(shown[1]).isNull();

        ObjectNode config = (ObjectNode) JSON.readTree("{\"kind\":\"ConfigMap\",\"data\":{\"LOG_LEVEL\":\"info\"}}");
        assertThat(SecretRedaction.redact(config, config)[1].path("data").path("LOG_LEVEL").asText()).isEqualTo("info");
    }
}
