package dev.voiceplane.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.voiceplane.charts.Component;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.constructs.Construct;
import software.constructs.IValidation;

class SynthesizerTest {

    /** A validation written in Java, as constructs add them. */
    private static final class Failing implements IValidation {
        private final List<String> errors;

        Failing(String... errors) {
            this.errors = List.of(errors);
        }

        @Override
        public List<String> validate() {
            return errors;
        }
    }

    @Test
    void everyValidationErrorOfTheTreeIsReportedTogetherWithItsConstructPath() {
        SynthException e = catchThrowableOfType(() -> Synthesizer.synth(Testing.stack("local"), charts -> {
            Construct a = new Construct(charts.get(Component.NAMESPACE), "first");
            a.getNode().addValidation(new Failing("replicas must be positive, got -1"));
            Construct b = new Construct(charts.get(Component.MONITORING), "second");
            b.getNode().addValidation(new Failing("no port named 'http'", "no image tag"));
        }), SynthException.class);
        assertThat(e).isNotNull();
        assertThat(e.errors()).containsExactly(
                "[namespace/first] replicas must be positive, got -1",
                "[monitoring/second] no port named 'http'",
                "[monitoring/second] no image tag");
    }

    @Test
    void aValidTreeSynthesizesInComponentOrder() {
        List<Manifest> manifests = Testing.synth("local");
        // Cluster-wide objects (StorageClasses) first, then the namespace before anything that lives in it.
        assertThat(manifests.get(0).component()).isEqualTo(Component.CLUSTER);
        assertThat(manifests.get(1).component()).isEqualTo(Component.NAMESPACE);
        assertThat(manifests).extracting(Manifest::component).isSorted();
    }
}
