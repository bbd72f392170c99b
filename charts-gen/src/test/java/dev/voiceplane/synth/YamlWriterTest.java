package dev.voiceplane.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class YamlWriterTest {
    /** Each would be read back by a YAML 1.1 or 1.2 parser (kubectl, Helm) as a number or a boolean if written bare. */
    @ParameterizedTest
    @ValueSource(strings = {"17e8353295701961", "1e5", "-2.5E-3", "0x1F", "0o17", "017", "0b101", ".inf", "-.Inf", ".nan",
            "1:30", "yes", "off", "Y", "null", "~", "42", "3.14"})
    void aStringAParserWouldReadAsANumberOrBooleanIsQuoted(String value) throws Exception {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.putObject("metadata").putObject("annotations").put("hash", value);

        String yaml = YamlWriter.write(List.of(object));

        assertThat(yaml).contains("hash: \"" + value + "\"");
        JsonNode back = new YAMLMapper().readTree(yaml).at("/metadata/annotations/hash");
        assertThat(back.isTextual()).isTrue();
        assertThat(back.asText()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"17e835329570196f", "ai-ninja", "v1.2.3", "10.0.0.0/8", "a1e5"})
    void anOrdinaryStringStaysBare(String value) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("value", value);

        assertThat(YamlWriter.write(List.of(object))).isEqualTo("value: " + value + "\n");
    }
}
