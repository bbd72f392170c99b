package dev.voiceplane.app.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void behindTheIngressEachClientIsKeyedByTheAddressNginxSaw() {
        assertThat(ClientAddress.resolve("203.0.113.7", "10.244.1.5")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.resolve("2001:db8::1", "10.244.1.5")).isEqualTo("2001:db8::1");
    }

    @Test
    void withoutTheHeaderTheConnectionAddressCounts() {
        assertThat(ClientAddress.resolve(null, "10.244.1.5")).isEqualTo("10.244.1.5");
    }

    @Test
    void aHeaderThatIsNotAnAddressIsIgnored() {
        assertThat(ClientAddress.resolve("evil, 1.2.3.4", "10.244.1.5")).isEqualTo("10.244.1.5");
        assertThat(ClientAddress.resolve("", "10.244.1.5")).isEqualTo("10.244.1.5");
    }
}
