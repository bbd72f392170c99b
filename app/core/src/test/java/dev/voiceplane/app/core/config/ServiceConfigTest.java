package dev.voiceplane.app.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceSpec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    private static final ServiceSpec WHITELIST = ServiceCatalog.get("smart-whitelist");

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        WHITELIST.env().forEach(v -> env.put(v.name(), "1"));
        env.put(Env.urlOf("profile-analytics"), "http://profile-analytics:3004");
        env.put(Env.FEATURE_RATE_LIMITING_ENABLED, "true");
        return env;
    }

    @Test
    void everyMissingRequiredVariableIsNamedWithItsPurpose() {
        Map<String, String> env = complete();
        env.remove(Env.DB_PASSWORD);
        env.put(Env.REDIS_HOST, "  ");
        assertThatThrownBy(() -> ServiceConfig.load(WHITELIST, env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("service 'smart-whitelist' cannot start: missing required environment variables "
                        + "DB_PASSWORD (PostgreSQL password), REDIS_HOST (Redis host)");
    }

    @Test
    void optionalVariablesMayBeAbsent() {
        Map<String, String> env = complete();
        env.remove(Env.LOG_LEVEL);
        assertThat(ServiceConfig.load(WHITELIST, env).optional(Env.LOG_LEVEL)).isEmpty();
    }

    @Test
    void readingAnUndeclaredVariableIsRefused() {
        ServiceConfig config = ServiceConfig.load(WHITELIST, complete());
        assertThatThrownBy(() -> config.get(Env.AZURE_OPENAI_KEY)).hasMessageContaining("declares no variable AZURE_OPENAI_KEY");
    }

    @Test
    void aRetentionIsWholeDaysOfAtLeastOneWithItsDefaultWhenUnset() {
        ServiceSpec engine = ServiceCatalog.get("conversation-engine");
        Map<String, String> env = new HashMap<>();
        engine.env().stream().filter(EnvVar::required).forEach(v -> env.put(v.name(), "1"));
        assertThat(ServiceConfig.load(engine, env).retentionDays(Env.TRANSCRIPT_RETENTION_DAYS, 30)).isEqualTo(java.time.Duration.ofDays(30));
        env.put(Env.TRANSCRIPT_RETENTION_DAYS, "7");
        assertThat(ServiceConfig.load(engine, env).retentionDays(Env.TRANSCRIPT_RETENTION_DAYS, 30)).isEqualTo(java.time.Duration.ofDays(7));
        env.put(Env.TRANSCRIPT_RETENTION_DAYS, "0");
        assertThatThrownBy(() -> ServiceConfig.load(engine, env).retentionDays(Env.TRANSCRIPT_RETENTION_DAYS, 30))
                .isInstanceOf(ConfigException.class).hasMessage("environment variable TRANSCRIPT_RETENTION_DAYS=0 must be at least 1");
    }

    @Test
    void badValuesAreNamed() {
        Map<String, String> env = complete();
        env.put(Env.PORT, "http");
        env.put(Env.FEATURE_RATE_LIMITING_ENABLED, "yes");
        env.put(Env.urlOf("profile-analytics"), "profile-analytics");
        ServiceConfig config = ServiceConfig.load(WHITELIST, env);
        assertThatThrownBy(config::httpPort).hasMessage("environment variable PORT='http' is not a whole number");
        assertThatThrownBy(() -> config.flag(Env.FEATURE_RATE_LIMITING_ENABLED, true)).hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> config.url(Env.urlOf("profile-analytics"))).hasMessageContaining("is not an http(s) URL");
    }
}
