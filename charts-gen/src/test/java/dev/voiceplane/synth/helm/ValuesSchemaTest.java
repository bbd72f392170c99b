package dev.voiceplane.synth.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesSchemaTest {

    @Doc("a sample")
    record Sample(@Doc("required text") String name, @Doc(value = "may be left out", optional = true) String note,
                  @Doc(value = "how many", minimum = 1, maximum = 100) Integer count, Map<String, Boolean> flags,
                  @Doc(value = "known entries only", closed = true) Map<String, Entry> entries,
                  @Doc(value = "never latest", pattern = "^[a-z0-9.]+$", not = "latest") String tag,
                  @Doc(value = "a quantity", orNumber = true) String cpu, List<String> items) {
    }

    record Entry(@Doc(value = "fixed count", minimum = 1) Integer replicas, Integer minReplicas) {
    }

    record Unsupported(Set<String> items) {
    }

    private static final Sample DEFAULTS = new Sample("a", null, 2, Map.of(), Map.of("one", new Entry(1, null), "two", new Entry(null, 3)),
            "1.0", "1", List.of());

    @Test
    void stringsAreRequiredUnlessDocumentedOptionalAndBoxedNumbersAreOptional() {
        JsonNode s = ValuesSchema.of(Sample.class);
        assertThat(s.path("required").toString()).isEqualTo("[\"name\",\"tag\",\"cpu\"]");
        assertThat(s.at("/properties/count/type").asText()).isEqualTo("integer");
        assertThat(s.at("/properties/count/minimum").asInt()).isEqualTo(1);
        assertThat(s.at("/properties/count/maximum").asInt()).isEqualTo(100);
        assertThat(s.at("/properties/note").has("maximum")).as("no maximum unless documented").isFalse();
        assertThat(s.at("/properties/note/description").asText()).isEqualTo("may be left out");
        assertThat(s.path("description").asText()).isEqualTo("a sample");
    }

    @Test
    void openMapsAreObjectsOfTheirValueTypeAndRecordsAreClosed() {
        JsonNode s = ValuesSchema.of(Sample.class);
        assertThat(s.at("/properties/flags/additionalProperties/type").asText()).isEqualTo("boolean");
        assertThat(s.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(s.path("$schema").asText()).contains("draft-07");
        assertThat(s.at("/properties/items/items/type").asText()).isEqualTo("string");
    }

    @Test
    void closedMapsAllowExactlyTheDefaultsKeysEachShapedByItsOwnDefault() {
        JsonNode s = ValuesSchema.of(Sample.class, DEFAULTS, Map.of());
        JsonNode entries = s.at("/properties/entries");
        assertThat(entries.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(entries.path("required").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(entries.at("/properties/one/properties").has("replicas")).isTrue();
        assertThat(entries.at("/properties/one/properties").has("minReplicas")).as("absent in the default: nothing reads it").isFalse();
        assertThat(entries.at("/properties/two/properties").has("replicas")).isFalse();
        assertThat(entries.at("/properties/two/required").toString()).isEqualTo("[\"minReplicas\"]");
        assertThat(s.at("/properties/note").isMissingNode()).as("optional components stay settable").isFalse();
    }

    @Test
    void docConstraintsBecomeSchemaKeywords() {
        JsonNode s = ValuesSchema.of(Sample.class);
        assertThat(s.at("/properties/tag/pattern").asText()).isEqualTo("^[a-z0-9.]+$");
        assertThat(s.at("/properties/tag/not/const").asText()).isEqualTo("latest");
        assertThat(s.at("/properties/cpu/type").toString()).isEqualTo("[\"string\",\"number\"]");
    }

    @Test
    void keywordsOnlyTheStackKnowsAreAddedByPath() {
        ObjectNode issuers = new ObjectMapper().createObjectNode();
        issuers.putArray("enum").add("x").add("y");
        JsonNode s = ValuesSchema.of(Sample.class, DEFAULTS, Map.of("tag", issuers, "entries.*", issuers));
        assertThat(s.at("/properties/tag/enum").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(s.at("/properties/entries/properties/one/enum").toString()).isEqualTo("[\"x\",\"y\"]");
    }

    @Test
    void aTypeWithoutAMappingIsRejectedByName() {
        assertThatThrownBy(() -> ValuesSchema.of(Unsupported.class)).hasMessageContaining("java.util.Set");
    }
}
