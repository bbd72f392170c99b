package dev.voiceplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {

    @Test
    void aiNinjaHasTheSixServicesOfTheGuideOnTheirPorts() {
        assertThat(ServiceCatalog.of(SystemName.AI_NINJA))
                .extracting(ServiceSpec::name, ServiceSpec::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("user-management", 3005),
                        org.assertj.core.groups.Tuple.tuple("smart-whitelist", 3006),
                        org.assertj.core.groups.Tuple.tuple("realtime-processor", 3002),
                        org.assertj.core.groups.Tuple.tuple("conversation-engine", 3003),
                        org.assertj.core.groups.Tuple.tuple("profile-analytics", 3004),
                        org.assertj.core.groups.Tuple.tuple("conversation-analyzer", 3007));
    }

    @Test
    void bharatVoiceAppServesTheGuidesLivenessPathOnPort8000() {
        ServiceSpec app = ServiceCatalog.get("bharatvoice-app");
        assertThat(app.port()).isEqualTo(8000);
        assertThat(app.probes().live()).isEqualTo("/health/live");
        assertThat(app.image()).isEqualTo("bharatvoice/assistant");
        assertThat(ServiceCatalog.get("bharatvoice-worker").image()).isEqualTo("bharatvoice/worker");
    }

    @Test
    void storeUsersGetTheirConnectionVariablesAndCalleesTheirUrls() {
        ServiceSpec realtime = ServiceCatalog.get("realtime-processor");
        assertThat(realtime.env()).extracting(EnvVar::name)
                .contains(Env.REDIS_HOST, "SMART_WHITELIST_URL", Env.WEBSOCKET_TIMEOUT)
                .doesNotContain(Env.DB_HOST);
        assertThat(realtime.envVar(Env.REDIS_HOST).source()).isEqualTo(EnvVar.Source.STACK);
        assertThat(ServiceCatalog.get("user-management").envVar(Env.DB_PASSWORD).source()).isEqualTo(EnvVar.Source.SECRET);
    }

    @Test
    void servicesCallingAzureAiReadTheWorkloadIdentityWebhooksVariablesAndNoOtherDoes() {
        for (ServiceSpec spec : ServiceCatalog.all()) {
            boolean callsAi = spec.externalApis().contains(ExternalApi.AZURE_SPEECH) || spec.externalApis().contains(ExternalApi.AZURE_OPENAI);
            List<EnvVar> platform = spec.env().stream().filter(v -> v.source() == EnvVar.Source.PLATFORM).toList();
            if (callsAi) {
                assertThat(platform).as(spec.name()).extracting(EnvVar::name).containsExactlyInAnyOrder(
                        Env.AZURE_CLIENT_ID, Env.AZURE_TENANT_ID, Env.AZURE_FEDERATED_TOKEN_FILE, Env.AZURE_AUTHORITY_HOST);
                assertThat(platform).as(spec.name() + ": the manifests cannot promise them").noneMatch(EnvVar::required);
            } else {
                assertThat(platform).as(spec.name()).isEmpty();
            }
        }
        assertThat(ServiceCatalog.get("realtime-processor").envVar(Env.AZURE_SPEECH_RESOURCE_ID).source()).isEqualTo(EnvVar.Source.STACK);
    }

    @Test
    void callsToUnknownServicesAreRejected() {
        ServiceSpec lonely = ServiceSpec.builder(SystemName.AI_NINJA, "lonely").port(4000).calls("nobody").build();
        assertThatThrownBy(() -> ServiceCatalog.validate(List.of(lonely)))
                .hasMessageContaining("'lonely' calls unknown service 'nobody'");
    }

    @Test
    void privilegedPortsAndBadNamesAreRejected() {
        assertThatThrownBy(() -> ServiceSpec.builder(SystemName.AI_NINJA, "web").port(80).build())
                .hasMessageContaining("port 80");
        assertThatThrownBy(() -> ServiceSpec.builder(SystemName.AI_NINJA, "Web_1").port(8080).build())
                .hasMessageContaining("DNS-1035");
    }
}
