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
 * languages plus English as text; by voice on AWS English and Hindi through Transcribe and Polly in the
 * stack's region (Polly speaks no other Indian language), offline English elsewhere. Azure endpoints follow the stack: the Speech region is the stack's region
 * on Azure; the OpenAI endpoint is empty (the offline provider) unless the stack names one.
 */
public final class AppSettings {
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern LANGUAGES = Pattern.compile("[a-z]{2}(,[a-z]{2})*");
    /** S3 bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), or empty. */
    private static final Pattern BUCKET = Pattern.compile("([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])?");
    private static final Pattern SPEECH_LANGUAGE = Pattern.compile(Env.SPEECH_LANGUAGE_FORMAT);
    private static final Pattern SPEECH_VOICE = Pattern.compile(Env.SPEECH_VOICE_FORMAT);
    private static final Pattern HTTPS_URL = Pattern.compile("(https://[a-z0-9.-]+(:[0-9]+)?(/[^\\s]*)?)?");
    private static final Set<String> LOG_LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR");
    private static final Set<String> NUMBERS = Set.of(Env.MAX_CONCURRENT_CALLS, Env.MAX_CALLS_PER_USER, Env.WEBSOCKET_TIMEOUT,
            Env.PROCESSING_PIPELINE_TIMEOUT, Env.WORKER_CONCURRENCY, Env.JOB_MAX_ATTEMPTS, Env.LOGIN_MAX_FAILURES,
            Env.LOGIN_LOCKOUT_SECONDS, Env.SPAM_REPORT_MIN_REPORTERS, Env.SPAM_REPORTS_PER_DAY, Env.TRANSCRIPT_RETENTION_DAYS);
    private static final String CIDR = "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])";
    private static final Pattern CIDR_LIST = Pattern.compile("(" + CIDR + ")(," + CIDR + ")*");
    /**
     * Where the ingress controller's pods get their addresses, whose X-Real-IP the services believe
     * (TRUSTED_PROXY_CIDRS): the cluster's pod network. AKS with Azure CNI Overlay (Cilium) hands pods
     * 10.244.0.0/16 by default; EKS's VPC CNI gives pods VPC addresses (infra's VPCs are in 10.0.0.0/8);
     * k3d/k3s use 10.42.0.0/16 and kind 10.244.0.0/16. A stack with another pod network says so in
     * voiceplane:config. NetworkPolicies admit outside traffic only from the ingress-nginx namespace.
     */
    static String podNetwork(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> "10.244.0.0/16";
            case AWS -> "10.0.0.0/8";
            case NONE -> "10.42.0.0/16,10.244.0.0/16";
        };
    }

    /**
     * Istio's sidecar hands inbound connections to the app from 127.0.0.6
     * (https://istio.io/latest/docs/ops/deployment/application-requirements/): in a meshed pod every
     * request seems to come from there, so that address is the proxy too.
     */
    static final String MESH_INBOUND = "127.0.0.6/32";

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
    static Map<String, String> defaults(String stackName, SystemName system, Environment environment, Cloud cloud, String region,
                                        boolean mesh) {
        Map<String, String> all = new TreeMap<>();
        all.put(Env.LOG_LEVEL, environment == Environment.LOCAL ? "DEBUG" : "INFO");
        all.put(Env.DB_NAME, system.id().replace('-', '_'));
        all.put(Env.MAX_CONCURRENT_CALLS, "1000");
        all.put(Env.MAX_CALLS_PER_USER, "3");
        // Empty: taken from each request's X-Forwarded-Proto and Host; a stack behind a rewriting proxy sets it.
        all.put(Env.TELEPHONY_PUBLIC_URL, "");
        // Empty: no ACS; a stack taking ACS calls sets its resource's immutable id (the audience of ACS's WebSocket tokens).
        all.put(Env.ACS_RESOURCE_ID, "");
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
        // Voice: Transcribe hears all ten, Polly speaks en-IN and hi-IN only; without a cloud, the offline English engines.
        all.put(Env.VOICE_LANGUAGES, cloud == Cloud.AWS ? "en,hi" : "en");
        all.put(Env.SPEECH_PROVIDER, cloud == Cloud.AWS ? "aws" : "offline");
        all.put(Env.SPEECH_AWS_REGION, cloud == Cloud.AWS ? region : "");
        // The bucket infra creates in the stack's region for recordings on their way to Transcribe; S3 names are global,
        // so a stack whose default is taken names another (its stack file says which).
        all.put(Env.SPEECH_MEDIA_BUCKET, cloud == Cloud.AWS ? stackName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-")
                + "-voice-media" : "");
        all.put(Env.WORKER_CONCURRENCY, "4");
        all.put(Env.JOB_MAX_ATTEMPTS, "5");
        // The services' own defaults (catalog descriptions), written out so the ConfigMap says them.
        all.put(Env.LOGIN_MAX_FAILURES, "5");
        all.put(Env.LOGIN_LOCKOUT_SECONDS, "60");
        all.put(Env.SPAM_REPORT_MIN_REPORTERS, "3");
        all.put(Env.SPAM_REPORTS_PER_DAY, "20");
        all.put(Env.TRANSCRIPT_RETENTION_DAYS, "30");
        // Empty would believe no proxy: every caller would share the ingress controller's rate-limit bucket.
        all.put(Env.TRUSTED_PROXY_CIDRS, podNetwork(cloud) + (mesh ? "," + MESH_INBOUND : ""));
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
    static Map<String, String> read(ConfigReader config, String stackName, SystemName system, Environment environment, Cloud cloud,
                                    String region, boolean mesh) {
        Map<String, String> values = defaults(stackName, system, environment, cloud, region, mesh);
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
        voiceProblems(config, values, cloud, region);
        return values;
    }

    /** Voice settings that only fail together: a voice language answered in no text language, aws without its bucket. */
    private static void voiceProblems(ConfigReader config, Map<String, String> values, Cloud cloud, String region) {
        if (!values.containsKey(Env.VOICE_LANGUAGES)) {
            return;
        }
        Set<String> text = Set.of(values.get(Env.SUPPORTED_LANGUAGES).split(","));
        java.util.List<String> voiceOnly = java.util.Arrays.stream(values.get(Env.VOICE_LANGUAGES).split(","))
                .filter(l -> !text.contains(l)).toList();
        if (!voiceOnly.isEmpty()) {
            config.problem(Env.VOICE_LANGUAGES, "lists " + voiceOnly + ", which " + Env.SUPPORTED_LANGUAGES
                    + " does not: a voice language must be answered in text too");
        }
        if ("aws".equals(values.get(Env.SPEECH_PROVIDER)) && values.get(Env.SPEECH_MEDIA_BUCKET).isEmpty()) {
            config.problem(Env.SPEECH_MEDIA_BUCKET, "is required with SPEECH_PROVIDER aws: the S3 bucket in the stack's region that "
                    + "recordings pass through on their way to Amazon Transcribe");
        }
        String speechRegion = values.get(Env.SPEECH_AWS_REGION);
        if (cloud == Cloud.AWS && !speechRegion.isEmpty() && !speechRegion.equals(region)) {
            config.problem(Env.SPEECH_AWS_REGION, "is " + speechRegion + ", but voice recordings stay in the stack's region " + region
                    + " (data residency)");
        }
    }

    /** What a valid value of the key looks like, or null when the value is fine. */
    private static String check(String key, String value) {
        if (key.startsWith("FEATURE_")) {
            return value.equals("true") || value.equals("false") ? null : "true or false";
        }
        if (NUMBERS.contains(key)) {
            return NUMBER.matcher(value).matches() ? null : "a positive whole number";
        }
        if (key.equals(Env.LOG_LEVEL)) {
            return LOG_LEVELS.contains(value) ? null : "one of DEBUG, INFO, WARN, ERROR";
        }
        if (key.equals(Env.SUPPORTED_LANGUAGES) || key.equals(Env.VOICE_LANGUAGES)) {
            return LANGUAGES.matcher(value).matches() ? null : "comma-separated ISO 639-1 codes such as hi,en,ta";
        }
        if (key.equals(Env.SPEECH_PROVIDER)) {
            return value.equals("aws") || value.equals("offline") ? null : "aws or offline";
        }
        if (key.equals(Env.SPEECH_MEDIA_BUCKET)) {
            return BUCKET.matcher(value).matches() ? null : "an S3 bucket name such as bharatvoice-production-voice-media";
        }
        if (key.equals(Env.SPEECH_AWS_REGION)) {
            return value.isEmpty() || value.matches("[a-z]{2}(-[a-z]+)+-[0-9]") ? null : "an AWS region such as ap-south-1 (or empty)";
        }
        if (key.equals(Env.AZURE_SPEECH_LANGUAGE)) {
            return value.isEmpty() || SPEECH_LANGUAGE.matcher(value).matches() ? null : "a language tag such as en-IN or hi-IN (or empty)";
        }
        if (key.equals(Env.AZURE_SPEECH_VOICE)) {
            return value.isEmpty() || SPEECH_VOICE.matcher(value).matches() ? null
                    : "an Azure neural voice name such as en-IN-NeerjaNeural (or empty)";
        }
        if (key.equals(Env.TRUSTED_PROXY_CIDRS)) {
            return value.isEmpty() || CIDR_LIST.matcher(value).matches() ? null
                    : "comma-separated IPv4 CIDRs such as 10.244.0.0/16,127.0.0.6/32 (or empty to believe no proxy)";
        }
        if (key.equals(Env.ACS_RESOURCE_ID)) {
            return value.isEmpty() || value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}") ? null
                    : "the ACS resource's immutableResourceId, a GUID such as 3f2c1d9e-0b7a-4c3d-9e8f-1a2b3c4d5e6f (or empty)";
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
