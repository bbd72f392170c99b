package dev.voiceplane.synth.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaValidatorTest {
    private static final SchemaValidator VALIDATOR = new SchemaValidator();
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<String> stacks() {
        return Testing.stacks().names();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everySynthesizedObjectPassesItsPublishedSchema(String stack) {
        assertThat(VALIDATOR.validate(Testing.objects(stack))).isEmpty();
    }

    private static ObjectNode parse(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void aFieldTheKubernetesApiDoesNotDefineIsReported() throws Exception {
        ObjectNode deployment = parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x","namespace":"n"},
                 "spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},
                 "spec":{"containers":[{"name":"x","image":"x:1","imagePullPolcy":"Always"}]}}}}""");
        assertThat(VALIDATOR.validate(deployment)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("imagePullPolcy").contains("V1Container"));
    }

    @Test
    void aMissingRequiredFieldIsReported() throws Exception {
        ObjectNode service = parse("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"x"},"spec":{"ports":[{"name":"http"}]}}""");
        // Both sources of the OpenAPI document catch it: the Java client's model and the JSON schema.
        assertThat(VALIDATOR.validate(service)).hasSize(2).allSatisfy(v -> assertThat(v.message()).contains("port"))
                .extracting(SchemaViolation::schema).anySatisfy(s -> assertThat(s).startsWith("Kubernetes 1.33 OpenAPI"))
                .anySatisfy(s -> assertThat(s).isEqualTo("npm kubernetes-models"));
    }

    @Test
    void aValueOfTheWrongTypeIsReportedByTheOpenApiJsonSchema() throws Exception {
        ObjectNode deployment = parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x","namespace":"n"},
                 "spec":{"replicas":"three","selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},
                 "spec":{"containers":[{"name":"x","image":"x:1"}]}}}}""");
        assertThat(VALIDATOR.validate(deployment)).singleElement().satisfies(v -> {
            assertThat(v.schema()).isEqualTo("npm kubernetes-models");
            assertThat(v.message()).contains("replicas").contains("integer");
        });
    }

    @Test
    void aKindTheVersionNoLongerServesIsReported() throws Exception {
        ObjectNode pdb = parse("""
                {"apiVersion":"policy/v1beta1","kind":"PodDisruptionBudget","metadata":{"name":"x"},"spec":{}}""");
        assertThat(VALIDATOR.validate(pdb)).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("Kubernetes 1.33 serves no PodDisruptionBudget in policy/v1beta1"));
    }

    @Test
    void anUnknownFieldInACustomResourceIsReportedWithItsPath() throws Exception {
        ObjectNode monitor = parse("""
                {"apiVersion":"monitoring.coreos.com/v1","kind":"ServiceMonitor","metadata":{"name":"x","namespace":"n"},
                 "spec":{"selector":{},"endpoints":[{"port":"http","scrapeEvery":"30s"}]}}""");
        assertThat(VALIDATOR.validate(monitor)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("scrapeEvery").contains("/spec/endpoints/0"));
    }

    @Test
    void aWronglyTypedCustomResourceFieldIsReported() throws Exception {
        ObjectNode cert = parse("""
                {"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"x","namespace":"n"},
                 "spec":{"secretName":"x","dnsNames":"api.example.com","issuerRef":{"name":"i"}}}""");
        assertThat(VALIDATOR.validate(cert)).isNotEmpty();
    }

    @Test
    void anObjectOfAGroupWithoutAPublishedSchemaIsReported() throws Exception {
        ObjectNode unknown = parse("""
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"x"}}""");
        assertThat(VALIDATOR.validate(unknown)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("no published schema for API group 'example.com'"));
    }

    @Test
    void anExternalSecretIsCheckedAgainstThePublishedExternalSecretsModel() throws Exception {
        ObjectNode ok = parse("""
                {"apiVersion":"external-secrets.io/v1","kind":"ExternalSecret","metadata":{"name":"x","namespace":"n"},
                 "spec":{"refreshInterval":"1h","secretStoreRef":{"name":"vault","kind":"SecretStore"},
                 "target":{"name":"x","creationPolicy":"Owner"},"data":[{"secretKey":"K","remoteRef":{"key":"k"}}]}}""");
        ObjectNode bad = ok.deepCopy();
        ((ObjectNode) bad.at("/spec/target")).put("creationPolicy", "Sometimes");
        ((ObjectNode) bad.at("/spec/data/0")).remove("secretKey");
        assertThat(VALIDATOR.validate(ok)).isEmpty();
        assertThat(VALIDATOR.validate(bad)).extracting(SchemaViolation::message)
                .anySatisfy(m -> assertThat(m).contains("creationPolicy"))
                .anySatisfy(m -> assertThat(m).contains("secretKey"));
    }

    @Test
    void aPeerAuthenticationIsCheckedAgainstThePublishedIstioModel() throws Exception {
        ObjectNode ok = parse("""
                {"apiVersion":"security.istio.io/v1","kind":"PeerAuthentication","metadata":{"name":"default","namespace":"n"},
                 "spec":{"mtls":{"mode":"STRICT"}}}""");
        ObjectNode bad = ok.deepCopy();
        ((ObjectNode) bad.at("/spec/mtls")).put("mode", "STRICTLY");
        assertThat(VALIDATOR.validate(ok)).isEmpty();
        assertThat(VALIDATOR.validate(bad)).extracting(SchemaViolation::message)
                .anySatisfy(m -> assertThat(m).contains("/spec/mtls/mode"));
    }
}
