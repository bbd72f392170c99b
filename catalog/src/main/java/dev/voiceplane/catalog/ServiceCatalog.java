package dev.voiceplane.catalog;

import static dev.voiceplane.catalog.DataStore.POSTGRES;
import static dev.voiceplane.catalog.DataStore.REDIS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every service voiceplane deploys, as both the manifests and the services see it. Figures come
 * from the deployment guides in {@code shared/seeds}: the ai-ninja ports 3002–3007, BharatVoice's
 * app on 8000 with {@code /health/live}.
 */
public final class ServiceCatalog {

    private static final List<ServiceSpec> SERVICES = List.of(
            // ai-ninja: six microservices (guide: "Core Services").
            ServiceSpec.builder(SystemName.AI_NINJA, "user-management")
                    .description("Accounts, JWT access and refresh tokens, MFA, roles, sessions, audit log, GDPR export and erasure")
                    .port(3005).exposure(Exposure.PUBLIC_API).stores(POSTGRES, REDIS).migrates(true)
                    // GDPR erasure and export reach every service that stores a user's data (issue 10).
                    .calls("smart-whitelist", "profile-analytics", "conversation-analyzer", "conversation-engine")
                    .env(jwt(), EnvVar.secret(Env.JWT_REFRESH_SECRET, "HMAC key for refresh tokens"),
                            flag(Env.FEATURE_MFA_REQUIRED), flag(Env.FEATURE_AUDIT_LOGGING_ENABLED),
                            flag(Env.FEATURE_RATE_LIMITING_ENABLED), trustedProxies(),
                            loginMaxFailures(), loginLockoutSeconds(),
                            EnvVar.secret(Env.TOTP_ENCRYPTION_KEY, "AES-256 key (base64) for TOTP seeds at rest; empty derives "
                                    + "one from JWT_REFRESH_SECRET").optional())
                    .build(),
            ServiceSpec.builder(SystemName.AI_NINJA, "smart-whitelist")
                    .description("Allow and block lists, rules and the put-through / AI / block decision for incoming callers")
                    .port(3006).exposure(Exposure.PUBLIC_API).stores(POSTGRES, REDIS).migrates(true)
                    .calls("profile-analytics")
                    .env(jwt(), flag(Env.FEATURE_RATE_LIMITING_ENABLED), trustedProxies())
                    .build(),
            ServiceSpec.builder(SystemName.AI_NINJA, "realtime-processor")
                    .kind(ServiceKind.REALTIME)
                    .description("WebSocket call sessions: audio in, routing through whitelist and dialog, audio out")
                    .port(3002).exposure(Exposure.PUBLIC_WEBSOCKET).stores(REDIS)
                    // Tokens are verified locally with JWT_ACCESS_SECRET: no call to user-management, so no path to it.
                    .calls("smart-whitelist", "conversation-engine", "conversation-analyzer")
                    .externalApis(ExternalApi.AZURE_SPEECH)
                    .env(jwt(),
                            EnvVar.config(Env.MAX_CONCURRENT_CALLS, "calls one replica accepts at once"),
                            EnvVar.config(Env.MAX_CALLS_PER_USER, "call sockets one user token may hold at once; empty for 3").optional(),
                            EnvVar.config(Env.WEBSOCKET_TIMEOUT, "idle WebSocket timeout in milliseconds"),
                            EnvVar.config(Env.PROCESSING_PIPELINE_TIMEOUT, "budget for one pipeline turn in milliseconds"),
                            EnvVar.config(Env.AZURE_SPEECH_REGION, "Azure Speech region").optional(),
                            EnvVar.config(Env.AZURE_SPEECH_LANGUAGE, "language callers speak, e.g. en-IN; empty for en-US").optional(),
                            EnvVar.config(Env.AZURE_SPEECH_VOICE, "Azure neural voice of the replies, e.g. en-IN-NeerjaNeural; empty for "
                                    + "en-US-JennyNeural").optional(),
                            EnvVar.secret(Env.AZURE_SPEECH_KEY, "Azure Speech key; empty uses the pod's workload identity").optional(),
                            EnvVar.stack(Env.AZURE_SPEECH_RESOURCE_ID, "the Speech resource's id, for Microsoft Entra tokens").optional(),
                            EnvVar.config(Env.TELEPHONY_PUBLIC_URL, "scheme and host telephony providers call, e.g. https://ws.example.com; "
                                    + "empty to take them from the request").optional(),
                            EnvVar.secret(Env.TWILIO_AUTH_TOKEN, "Twilio auth token; unset turns the Twilio endpoints off").optional(),
                            EnvVar.secret(Env.ACS_CONNECTION_STRING, "ACS connection string; unset (or without ACS_WEBHOOK_SECRET) turns "
                                    + "the ACS endpoints off").optional(),
                            EnvVar.secret(Env.ACS_WEBHOOK_SECRET, "secret in the ACS Event Grid and callback URLs (?code=)").optional(),
                            EnvVar.config(Env.ACS_RESOURCE_ID, "the ACS resource's immutable id, audience of its media WebSocket tokens; "
                                    + "required with ACS_CONNECTION_STRING").optional())
                    .build(),
            ServiceSpec.builder(SystemName.AI_NINJA, "conversation-engine")
                    .kind(ServiceKind.AI)
                    .description("Dialog per call: intent detection and response generation through a provider")
                    .port(3003).stores(POSTGRES, REDIS).migrates(true)
                    .calls("profile-analytics")
                    .externalApis(ExternalApi.AZURE_OPENAI)
                    .env(jwt(),
                            EnvVar.config(Env.PROCESSING_PIPELINE_TIMEOUT, "budget for one response in milliseconds"),
                            EnvVar.config(Env.AZURE_OPENAI_ENDPOINT, "Azure OpenAI endpoint; empty selects the offline provider").optional(),
                            EnvVar.secret(Env.AZURE_OPENAI_KEY, "Azure OpenAI key; empty uses the pod's workload identity").optional(),
                            EnvVar.config(Env.TRANSCRIPT_RETENTION_DAYS, "days a call's transcript is kept after its last turn; "
                                    + "empty for 30").optional())
                    .build(),
            ServiceSpec.builder(SystemName.AI_NINJA, "profile-analytics")
                    .kind(ServiceKind.ANALYTICS)
                    .description("Caller profiles from call history and the business metrics")
                    .port(3004).exposure(Exposure.PUBLIC_API).stores(POSTGRES, REDIS).migrates(true)
                    .env(jwt(), trustedProxies(),
                            EnvVar.config(Env.SPAM_REPORT_MIN_REPORTERS, "distinct reporters with real calls from a number before "
                                    + "reports count in its spam score; empty for 3").optional(),
                            EnvVar.config(Env.SPAM_REPORTS_PER_DAY, "spam reports one account may file per 24 h; empty for 20").optional())
                    .build(),
            ServiceSpec.builder(SystemName.AI_NINJA, "conversation-analyzer")
                    .kind(ServiceKind.AI)
                    .description("After the call: summary, sentiment, category and quality")
                    .port(3007).stores(POSTGRES, REDIS).migrates(true)
                    .calls("profile-analytics")
                    .externalApis(ExternalApi.AZURE_OPENAI)
                    .env(jwt(),
                            EnvVar.config(Env.AZURE_OPENAI_ENDPOINT, "Azure OpenAI endpoint; empty selects the offline analyzer").optional(),
                            EnvVar.secret(Env.AZURE_OPENAI_KEY, "Azure OpenAI key; empty uses the pod's workload identity").optional())
                    .build(),

            // BharatVoice: the assistant and its background worker (guide: "Container Images").
            ServiceSpec.builder(SystemName.BHARATVOICE, "bharatvoice-app")
                    .description("Multilingual voice assistant: queries in English and Indian languages, voice endpoints")
                    .image("bharatvoice/assistant")
                    .port(8000).exposure(Exposure.PUBLIC_API).stores(POSTGRES, REDIS).migrates(true)
                    .env(jwt(),
                            EnvVar.config(Env.SUPPORTED_LANGUAGES, "comma-separated ISO 639-1 codes served"),
                            voiceLanguages(),
                            EnvVar.stack(Env.DATA_DIR, "writable directory for models and uploads (a mounted volume)"),
                            trustedProxies(), loginMaxFailures(), loginLockoutSeconds())
                    .build(),
            ServiceSpec.builder(SystemName.BHARATVOICE, "bharatvoice-worker")
                    .kind(ServiceKind.WORKER)
                    .description("Background jobs from a Redis-backed queue with retries, backoff and a dead-letter list")
                    .image("bharatvoice/worker")
                    .port(8001).stores(POSTGRES, REDIS)
                    // Voice queries: Amazon Transcribe, Polly and the media bucket's S3 endpoint (issue 14).
                    .externalApis(ExternalApi.AWS_SPEECH)
                    .env(EnvVar.config(Env.WORKER_CONCURRENCY, "jobs processed at once per replica"),
                            EnvVar.config(Env.JOB_MAX_ATTEMPTS, "attempts before a job goes to the dead-letter list"),
                            EnvVar.stack(Env.DATA_DIR, "writable directory for job artefacts (a mounted volume)"),
                            voiceLanguages(),
                            EnvVar.config(Env.SPEECH_PROVIDER, "aws (Transcribe and Polly) or offline (Sphinx4 and FreeTTS, English); "
                                    + "empty for offline").optional(),
                            EnvVar.config(Env.SPEECH_AWS_REGION, "region of Transcribe, Polly and the media bucket; required for aws")
                                    .optional(),
                            EnvVar.config(Env.SPEECH_MEDIA_BUCKET, "S3 bucket recordings pass through on their way to Transcribe; "
                                    + "required for aws").optional())
                    .build());

    static {
        validate(SERVICES);
    }

    private ServiceCatalog() {
    }

    /** All services, in catalog order (the order manifests are written in). */
    public static List<ServiceSpec> all() {
        return SERVICES;
    }

    /** The services of one system, in catalog order. */
    public static List<ServiceSpec> of(SystemName system) {
        return SERVICES.stream().filter(s -> s.system() == system).toList();
    }

    public static Optional<ServiceSpec> find(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The named service, or an exception listing the names that exist. */
    public static ServiceSpec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "no service '" + name + "' in the catalog; known: " + SERVICES.stream().map(ServiceSpec::name).toList()));
    }

    /** Services of the same system that call {@code callee}, in catalog order. */
    public static List<ServiceSpec> callersOf(ServiceSpec callee) {
        return of(callee.system()).stream().filter(s -> s.calls().contains(callee.name())).toList();
    }

    /** Checks names are unique and every call names a service of the same system. */
    static void validate(List<ServiceSpec> services) {
        Map<String, ServiceSpec> byName = new TreeMap<>();
        Map<String, String> byPort = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (ServiceSpec s : services) {
            if (byName.put(s.name(), s) != null) {
                errors.add("service '" + s.name() + "' is declared twice");
            }
            String portKey = s.system().id() + ":" + s.port();
            String other = byPort.put(portKey, s.name());
            if (other != null) {
                errors.add("services '" + other + "' and '" + s.name() + "' both use port " + s.port());
            }
        }
        for (ServiceSpec s : services) {
            for (String callee : s.calls()) {
                ServiceSpec target = byName.get(callee);
                if (target == null) {
                    errors.add("service '" + s.name() + "' calls unknown service '" + callee + "'");
                } else if (target.system() != s.system()) {
                    errors.add("service '" + s.name() + "' calls '" + callee + "' of another system");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("service catalog is inconsistent:\n  " + String.join("\n  ", errors));
        }
    }

    private static EnvVar jwt() {
        return EnvVar.secret(Env.JWT_ACCESS_SECRET, "HMAC key that signs and verifies access tokens");
    }

    /** Optional: without it no X-Real-IP header is believed and clients count by their connection's address. */
    private static EnvVar trustedProxies() {
        return EnvVar.config(Env.TRUSTED_PROXY_CIDRS, "CIDR blocks of the ingress controller's pods, whose X-Real-IP is believed; "
                + "empty: none").optional();
    }

    private static EnvVar voiceLanguages() {
        return EnvVar.config(Env.VOICE_LANGUAGES, "comma-separated ISO 639-1 codes answered by voice, a subset of "
                + "SUPPORTED_LANGUAGES the speech provider hears and speaks; empty for en").optional();
    }

    private static EnvVar loginMaxFailures() {
        return EnvVar.config(Env.LOGIN_MAX_FAILURES, "wrong passwords or TOTP codes in a row before an account locks; empty for 5")
                .optional();
    }

    private static EnvVar loginLockoutSeconds() {
        return EnvVar.config(Env.LOGIN_LOCKOUT_SECONDS, "first lockout in seconds, doubling per lockout up to an hour; empty for 60")
                .optional();
    }

    private static EnvVar flag(String name) {
        return EnvVar.config(name, "feature flag: true or false");
    }
}
