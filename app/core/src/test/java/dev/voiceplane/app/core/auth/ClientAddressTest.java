package dev.voiceplane.app.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final TrustedProxies INGRESS = TrustedProxies.parse("10.244.0.0/16, fd00::/8");

    @Test
    void behindATrustedIngressEachClientIsKeyedByTheAddressNginxSaw() {
        assertThat(ClientAddress.resolve("203.0.113.7", "10.244.1.5", INGRESS)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.resolve("2001:db8::1", "fd00::5", INGRESS)).isEqualTo("2001:db8::1");
    }

    @Test
    void aHeaderFromAPeerThatIsNotATrustedProxyIsIgnored() {
        assertThat(ClientAddress.resolve("203.0.113.7", "198.51.100.9", INGRESS)).isEqualTo("198.51.100.9");
        assertThat(ClientAddress.resolve("203.0.113.7", "10.245.0.1", INGRESS)).isEqualTo("10.245.0.1");
    }

    @Test
    void withNoTrustedProxyConfiguredNoHeaderIsBelieved() {
        assertThat(ClientAddress.resolve("203.0.113.7", "10.244.1.5", TrustedProxies.NONE)).isEqualTo("10.244.1.5");
    }

    @Test
    void withoutTheHeaderTheConnectionAddressCounts() {
        assertThat(ClientAddress.resolve(null, "10.244.1.5", INGRESS)).isEqualTo("10.244.1.5");
    }

    @Test
    void aHeaderThatIsNotAnAddressIsIgnored() {
        assertThat(ClientAddress.resolve("evil, 1.2.3.4", "10.244.1.5", INGRESS)).isEqualTo("10.244.1.5");
        assertThat(ClientAddress.resolve("", "10.244.1.5", INGRESS)).isEqualTo("10.244.1.5");
        assertThat(ClientAddress.resolve("localhost", "10.244.1.5", INGRESS)).isEqualTo("10.244.1.5");
    }

    @Test
    void aBadBlockIsRefusedNamingIt() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, ingress")).hasMessageContaining("'ingress'");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
    }
}
