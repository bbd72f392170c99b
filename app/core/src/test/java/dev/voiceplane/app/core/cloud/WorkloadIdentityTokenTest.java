package dev.voiceplane.app.core.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.core.cloud.testing.EntraTokenStub;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token exchange against a local stand-in of Microsoft Entra's v2.0 token endpoint, which checks
 * the request as Entra does (path per tenant, form fields of the client-credentials grant with a
 * federated assertion) and answers as it does: a bearer token with {@code expires_in}, or an error
 * body with {@code error} and {@code error_codes}.
 */
class WorkloadIdentityTokenTest {
    static final String TENANT = "00000000-0000-0000-0000-00000000000a";
    static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    EntraTokenStub entra;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));

    @BeforeEach
    void start() {
        entra = EntraTokenStub.start(TENANT, CLIENT);
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    URI authority() {
        return URI.create(entra.authority());
    }

    WorkloadIdentityToken token(Path file) {
        return token(file, CLIENT);
    }

    WorkloadIdentityToken token(Path file, String client) {
        return new WorkloadIdentityToken(authority(), TENANT, client, file, WorkloadIdentityToken.COGNITIVE_SERVICES, TIMEOUT, clock);
    }

    Path assertion(String value) throws IOException {
        Path file = dir.resolve("azure-identity-token");
        Files.writeString(file, value + "\n");
        return file;
    }

    @Test
    void exchangesTheProjectedTokenAsAClientAssertionForTheScope() throws IOException {
        String token = token(assertion("eyJhbGciOiJSUzI1NiJ9.cluster-signed.sig")).get();
        assertThat(token).isEqualTo("token-1-for-https://cognitiveservices.azure.com/.default");
        assertThat(entra.paths()).containsExactly("POST /" + TENANT + "/oauth2/v2.0/token");
        assertThat(entra.requests().get(0)).containsExactly(Map.entry("grant_type", "client_credentials"), Map.entry("client_id", CLIENT),
                Map.entry("scope", "https://cognitiveservices.azure.com/.default"),
                Map.entry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                Map.entry("client_assertion", "eyJhbGciOiJSUzI1NiJ9.cluster-signed.sig"));
    }

    @Test
    void keepsTheTokenUntilFiveMinutesBeforeItExpiresThenReadsTheRotatedAssertion() throws IOException {
        Path file = assertion("first-assertion");
        WorkloadIdentityToken credential = token(file);
        assertThat(credential.get()).startsWith("token-1");
        clock.advance(Duration.ofSeconds(3599).minus(WorkloadIdentityToken.REFRESH_BEFORE).minusSeconds(1));
        assertThat(credential.get()).startsWith("token-1");
        assertThat(entra.issued()).isEqualTo(1);

        Files.writeString(file, "rotated-assertion");
        clock.advance(Duration.ofSeconds(1));
        assertThat(credential.get()).startsWith("token-2");
        assertThat(entra.requests().get(1).get("client_assertion")).isEqualTo("rotated-assertion");
    }

    @Test
    void aRefusedExchangeNamesEntrasErrorCodeButNeverTheAssertion() throws IOException {
        entra.failNext(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS700213: No matching federated identity "
                + "record found for presented assertion subject 'system:serviceaccount:ai-ninja:x'. secret-assertion\",\"error_codes\":[700213]}");
        WorkloadIdentityToken credential = token(assertion("secret-assertion"));
        assertThatThrownBy(credential::get).isInstanceOf(WorkloadIdentityToken.WorkloadIdentityException.class)
                .hasMessageContaining("401 invalid_client, AADSTS700213").hasMessageContaining(CLIENT)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-assertion"));
        // Nothing was cached: the next call asks again, and a good answer is used.
        assertThat(credential.get()).startsWith("token-1");
    }

    @Test
    void answersThatAreNotATokenAreErrors() throws IOException {
        WorkloadIdentityToken credential = token(assertion("a"));
        entra.failNext(502, "<html>Bad gateway</html>");
        assertThatThrownBy(credential::get).hasMessageContaining("502 with a body that is not JSON");
        entra.failNext(200, "{\"token_type\":\"Bearer\",\"expires_in\":0,\"access_token\":\"x\"}");
        assertThatThrownBy(credential::get).hasMessageContaining("without a bearer access_token and expires_in");
        entra.failNext(200, "{\"token_type\":\"pop\",\"expires_in\":3599,\"access_token\":\"x\"}");
        assertThatThrownBy(credential::get).hasMessageContaining("without a bearer access_token");
    }

    @Test
    void theStandInRefusesARequestWithoutAnAssertion() throws IOException {
        // The stand-in is strict like Entra: an empty assertion file gives its 400, reported with the code.
        assertThatThrownBy(token(assertion(""))::get).hasMessageContaining("400 invalid_request, AADSTS7000216");
        // And an identity it does not know gets Entra's 401.
        assertThatThrownBy(token(assertion("a"), "99999999-2222-3333-4444-555555555555")::get)
                .hasMessageContaining("401 unauthorized_client, AADSTS700016");
    }

    @Test
    void aMissingTokenFileNamesTheVariableAndPath() {
        assertThatThrownBy(token(dir.resolve("absent"))::get).hasMessageContaining(Env.AZURE_FEDERATED_TOKEN_FILE)
                .hasMessageContaining("absent");
        assertThat(entra.paths()).isEmpty();
    }

    @Test
    void fromConfigNeedsAllOrNoneOfTheWebhooksVariables() throws IOException {
        var spec = ServiceCatalog.get("conversation-engine");
        Map<String, String> base = new LinkedHashMap<>(Map.of(Env.PORT, "3003", Env.SERVICE_NAME, "conversation-engine",
                Env.DB_HOST, "h", Env.DB_PORT, "5432", Env.DB_NAME, "d", Env.DB_USERNAME, "u", Env.DB_PASSWORD, "p",
                Env.REDIS_HOST, "r", Env.REDIS_PORT, "6379", Env.JWT_ACCESS_SECRET, "j"));
        base.put(Env.PROCESSING_PIPELINE_TIMEOUT, "1500");
        base.put(Env.urlOf("profile-analytics"), "http://p:3004");
        assertThat(WorkloadIdentityToken.fromConfig(ServiceConfig.load(spec, base), WorkloadIdentityToken.COGNITIVE_SERVICES, TIMEOUT)).isEmpty();

        Map<String, String> half = new LinkedHashMap<>(base);
        half.put(Env.AZURE_CLIENT_ID, CLIENT);
        assertThatThrownBy(() -> WorkloadIdentityToken.fromConfig(ServiceConfig.load(spec, half), WorkloadIdentityToken.COGNITIVE_SERVICES, TIMEOUT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE");

        Map<String, String> all = new LinkedHashMap<>(half);
        all.put(Env.AZURE_TENANT_ID, TENANT);
        all.put(Env.AZURE_FEDERATED_TOKEN_FILE, assertion("x").toString());
        all.put(Env.AZURE_AUTHORITY_HOST, "https://login.microsoftonline.com/");
        assertThat(WorkloadIdentityToken.fromConfig(ServiceConfig.load(spec, all), WorkloadIdentityToken.COGNITIVE_SERVICES, TIMEOUT))
                .hasValueSatisfying(t -> assertThat(t.tokenEndpoint())
                        .hasToString("https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/token"));

        Map<String, String> plainHttp = new LinkedHashMap<>(all);
        plainHttp.put(Env.AZURE_AUTHORITY_HOST, "http://login.example.com/");
        assertThatThrownBy(() -> WorkloadIdentityToken.fromConfig(ServiceConfig.load(spec, plainHttp), WorkloadIdentityToken.COGNITIVE_SERVICES, TIMEOUT))
                .hasMessageContaining("must be an https URL");

        Map<String, String> badTenant = new LinkedHashMap<>(all);
        badTenant.put(Env.AZURE_TENANT_ID, "evil/../x");
        assertThatThrownBy(() -> WorkloadIdentityToken.fromConfig(ServiceConfig.load(spec, badTenant), WorkloadIdentityToken.COGNITIVE_SERVICES, TIMEOUT))
                .hasMessageContaining(Env.AZURE_TENANT_ID);
    }

    @Test
    void credentialsShowTheirHeaderButNotTheirValue() {
        RequestCredential key = RequestCredential.header("api-key", "k-123");
        assertThat(key.headers()).containsExactly("api-key", "k-123");
        assertThat(key).hasToString("RequestCredential[api-key]");
        RequestCredential bearer = RequestCredential.bearer(() -> "t-456");
        assertThat(bearer.headers()).containsExactly("Authorization", "Bearer t-456");
        assertThat(bearer.toString()).doesNotContain("t-456");
    }

    /** A clock the test moves; nothing waits. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
