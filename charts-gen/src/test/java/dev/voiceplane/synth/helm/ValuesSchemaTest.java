package dev.voiceplane.synth.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesSchemaTest {

    @Doc("a sample")
    record Sample(@Doc("required text") String name, @Doc(value = "may be left out", optional = true) String note,
                  Integer count, Map<String, Boolean> flags) {
    }

    record Unsupported(List<String> items) {
    }

    @Test
    void stringsAreRequiredUnlessDocumentedOptionalAndBoxedNumbersAreOptional() {
        JsonNode s = ValuesSchema.of(Sample.class);
        assertThat(s.path("required").toString()).isEqualTo("[\"name\"]");
        assertThat(s.at("/properties/count/type").asText()).isEqualTo("integer");
        assertThat(s.at("/properties/note/description").asText()).isEqualTo("may be left out");
        assertThat(s.path("description").asText()).isEqualTo("a sample");
    }

    @Test
    void mapsAreOpenObjectsOfTheirValueTypeAndRecordsAreClosed() {
        JsonNode s = ValuesSchema.of(Sample.class);
        assertThat(s.at("/properties/flags/additionalProperties/type").asText()).isEqualTo("boolean");
        assertThat(s.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(s.path("$schema").asText()).contains("draft-07");
    }

    @Test
    void aTypeWithoutAMappingIsRejectedByName() {
        assertThatThrownBy(() -> ValuesSchema.of(Unsupported.class)).hasMessageContaining("java.util.List");
    }
}
