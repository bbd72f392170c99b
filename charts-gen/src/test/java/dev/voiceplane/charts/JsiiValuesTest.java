package dev.voiceplane.charts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsiiValuesTest {

    @Test
    void aValueIsMadeOnceAndSharedSinceEachMakingIsTwoJsiiRoundTrips() {
        assertThat(JsiiValues.quantity("64Mi")).isSameAs(JsiiValues.quantity("64Mi"));
        assertThat(JsiiValues.intOrString(9090)).isSameAs(JsiiValues.intOrString(9090));
        assertThat(JsiiValues.intOrString("web")).isSameAs(JsiiValues.intOrString("web"));
    }

    @Test
    void sharedValuesRenderAsTheirOwnValue() {
        assertThat(JsiiValues.quantity("500m").getValue()).isEqualTo("500m");
        assertThat(JsiiValues.intOrString(3000).getValue()).isEqualTo(3000);
    }
}
