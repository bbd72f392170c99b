package dev.voiceplane.stack;

import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.SystemName;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The values of a system's ConfigMap: every CONFIG_MAP variable its catalog services read, with the
 * guides' figures as defaults and per-stack overrides from {@code voiceplane:config}. Defaults live
 * here and nowhere else.
 *
 * <p>ai-ninja guide ("Configuration Values"): MAX_CONCURRENT_CALLS 1000, WEBSOCKET_TIMEOUT 300000 ms,
 * PROCESSING_PIPELINE_TIMEOUT 1500 ms, the three feature flags on. BharatVoice: the ten Indian
 * languages plus English. Azure endpoints follow the stack: the Speech region is the stack's region
 * on Azure; the OpenAI endpoint is empty (the offline provider) unless the stack names one.
 */
public final class AppSettings {
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern LANGUAGES = Pattern.compile("[a-z]{2}(,[a-z]{2})*");
    private static final Pattern SPEECH_LANGUAGE = Pattern.compile(Env.SPEECH_LANGUAGE_FORMAT);
    private static final Pattern SPEECH_VOICE = Pattern.compile(Env.SPEECH_VOICE_FORMAT);
    private static final Pattern HTTPS_URL = Pattern.compile("(https://[a-z0-9.-]+(:[0-9]+)?(/[^\\s]*)?)?");
    private static final Set<String> LOG_LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR");
    private static final Set<String> NUMBERS = Set.of(Env.MAX_CONCURRENT_CALLS, Env.MAX_CALLS_PER_USER, Env.WEBSOCKET_TIMEOUT,
            Env.PROCESSING_PIPELINE_TIMEOUT, Env.WORKER_CONCURRENCY, Env.JOB_MAX_ATTEMPTS);
    /** Numbers a service defaults itself when they are empty. */
    private static final Set<String> OPTIONAL_NUMBERS = Set.of(Env.LOGIN_MAX_FAILURES, Env.LOGIN_LOCKOUT_SECONDS,
            Env.SPAM_REPORT_MIN_REPORTERS, Env.SPAM_REPORTS_PER_DAY);
    private static final Pattern IPV4_CIDRS = Pattern.compile(
            "(\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2})(,(\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}))*");

    private AppSettings() {
    }

    /** The CONFIG_MAP variables the system's services read, sorted. */
    public static Set<String> keysOf(SystemName system) {
        Set<String> keys = new TreeSet<>();
        ServiceCatalog.of(system).forEach(s -> s.env().stream()
                .filter(v -> v.source() == EnvVar.Source.CONFIG_MAP).forEach(v -> keys.add(v.name())));
        return keys;
    }

    /** The guides' value of every key of the system, for this stack. */
    static Map<String, String> defaults(SystemName system, Environment environment, Cloud cloud, String region) {
        Map<String, String> all = new TreeMap<>();
        all.put(Env.LOG_LEVEL, environment == Environment.LOCAL ? "DEBUG" : "INFO");
        all.put(Env.DB_NAME, system.id().replace('-', '_'));
        all.put(Env.MAX_CONCURRENT_CALLS, "1000");
        all.put(Env.MAX_CALLS_PER_USER, "3");
        // Empty: taken from each request's X-Forwarded-Proto and Host; a stack behind a rewriting proxy sets it.
        all.put(Env.TELEPHONY_PUBLIC_URL, "");
        all.put(Env.WEBSOCKET_TIMEOUT, "300000");
        all.put(Env.PROCESSING_PIPELINE_TIMEOUT, "1500");
        all.put(Env.FEATURE_MFA_REQUIRED, "true");
        all.put(Env.FEATURE_RATE_LIMITING_ENABLED, "true");
        all.put(Env.FEATURE_AUDIT_LOGGING_ENABLED, "true");
        all.put(Env.AZURE_SPEECH_REGION, cloud == Cloud.AZURE ? region : "");
        // Empty: realtime-processor's own defaults (en-US, en-US-JennyNeural); a stack sets e.g. en-IN.
        all.put(Env.AZURE_SPEECH_LANGUAGE, "");
        all.put(Env.AZURE_SPEECH_VOICE, "");
        all.put(Env.AZURE_OPENAI_ENDPOINT, "");
        all.put(Env.SUPPORTED_LANGUAGES, "hi,en,ta,te,bn,mr,gu,kn,ml,pa");
        all.put(Env.WORKER_CONCURRENCY, "4");
        all.put(Env.JOB_MAX_ATTEMPTS, "5");
        // Peers whose X-Real-IP is believed. Only the ingress controller and sibling services can reach
        // the pods (the default-deny NetworkPolicies admit nothing else), and on every supported cluster
        // their pod addresses are private (RFC 1918), so the private ranges are the default; a stack
        // narrows it to its controller's pod CIDR with voiceplane:config. Empty would key every caller's
        // rate limit on the controller's own address, so all users would share one bucket.
        all.put(Env.TRUSTED_PROXY_CIDRS, "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16");
        // Empty: the service's own documented defaults (5 failures, 60 s doubling; 3 reporters, 20 a day).
        all.put(Env.LOGIN_MAX_FAILURES, "");
        all.put(Env.LOGIN_LOCKOUT_SECONDS, "");
        all.put(Env.SPAM_REPORT_MIN_REPORTERS, "");
        all.put(Env.SPAM_REPORTS_PER_DAY, "");
        Map<String, String> ofSystem = new TreeMap<>();
        for (String key : keysOf(system)) {
            String value = all.get(key);
            if (value == null) {
                // A catalog variable without a default here would reach a pod as a missing key.
                throw new IllegalStateException("no default for ConfigMap key " + key + "; add one to AppSettings");
            }
            ofSystem.put(key, value);
        }
        return ofSystem;
    }

    /** Reads {@code voiceplane:config}, validating each override; returns the full ConfigMap content. */
    static Map<String, String> read(ConfigReader config, SystemName system, Environment environment, Cloud cloud, String region) {
        Map<String, String> values = defaults(system, environment, cloud, region);
        for (String key : config.keys()) {
            if (!values.containsKey(key)) {
                String suggestion = ConfigReader.closest(key, values.keySet());
                config.problem(key, "no " + system.id() + " service reads it"
                        + (suggestion == null ? "; known keys: " + String.join(", ", values.keySet()) : "; did you mean '" + suggestion + "'?"));
                continue;
            }
            String value = config.string(key, values.get(key));
            String problem = check(key, value);
            if (problem != null) {
                config.problem(key, "'" + value + "' is not " + problem);
            } else {
                values.put(key, value);
            }
        }
        return values;
    }

    /** What a valid value of the key looks like, or null when the value is fine. */
    private static String check(String key, String value) {
        if (key.startsWith("FEATURE_")) {
            return value.equals("true") || value.equals("false") ? null : "true or false";
        }
        if (NUMBERS.contains(key)) {
            return NUMBER.matcher(value).matches() ? null : "a positive whole number";
        }
        if (OPTIONAL_NUMBERS.contains(key)) {
            return value.isEmpty() || NUMBER.matcher(value).matches() ? null : "a positive whole number (or empty for the service's default)";
        }
        if (key.equals(Env.TRUSTED_PROXY_CIDRS)) {
            return value.isEmpty() || IPV4_CIDRS.matcher(value).matches() ? null : "comma-separated IPv4 CIDR blocks such as 10.244.0.0/16 (or empty)";
        }
        if (key.equals(Env.LOG_LEVEL)) {
            return LOG_LEVELS.contains(value) ? null : "one of DEBUG, INFO, WARN, ERROR";
        }
        if (key.equals(Env.SUPPORTED_LANGUAGES)) {
            return LANGUAGES.matcher(value).matches() ? null : "comma-separated ISO 639-1 codes such as hi,en,ta";
        }
        if (key.equals(Env.AZURE_SPEECH_LANGUAGE)) {
            return value.isEmpty() || SPEECH_LANGUAGE.matcher(value).matches() ? null : "a language tag such as en-IN or hi-IN (or empty)";
        }
        if (key.equals(Env.AZURE_SPEECH_VOICE)) {
            return value.isEmpty() || SPEECH_VOICE.matcher(value).matches() ? null
                    : "an Azure neural voice name such as en-IN-NeerjaNeural (or empty)";
        }
        if (key.equals(Env.TELEPHONY_PUBLIC_URL)) {
            return value.isEmpty() || HTTPS_URL.matcher(value).matches() ? null : "an https:// URL such as https://ws.example.com (or empty)";
        }
        if (key.equals(Env.AZURE_OPENAI_ENDPOINT)) {
            return HTTPS_URL.matcher(value).matches() ? null : "an https:// URL (or empty for the offline provider)";
        }
        return null;
    }
}
