package dev.voiceplane.catalog;

/**
 * Names of the environment variables shared by many services. The services read them by these
 * constants and the manifests set them by these constants, so a rename cannot drift.
 */
public final class Env {
    public static final String PORT = "PORT";
    public static final String SERVICE_NAME = "SERVICE_NAME";
    public static final String LOG_LEVEL = "LOG_LEVEL";
    public static final String OTEL_EXPORTER_OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public static final String OTEL_SERVICE_NAME = "OTEL_SERVICE_NAME";

    public static final String DB_HOST = "DB_HOST";
    public static final String DB_PORT = "DB_PORT";
    public static final String DB_NAME = "DB_NAME";
    public static final String DB_USERNAME = "DB_USERNAME";
    public static final String DB_PASSWORD = "DB_PASSWORD";

    public static final String REDIS_HOST = "REDIS_HOST";
    public static final String REDIS_PORT = "REDIS_PORT";
    public static final String REDIS_PASSWORD = "REDIS_PASSWORD";
    /**
     * {@code true} when Redis speaks TLS only (managed Azure Cache for Redis on 6380 with the non-TLS
     * port off); the client then connects over TLS (certificate chain checked against the JDK trust store). Absent or
     * {@code false}: plain TCP (the in-cluster StatefulSet).
     */
    public static final String REDIS_TLS = "REDIS_TLS";

    public static final String JWT_ACCESS_SECRET = "JWT_ACCESS_SECRET";
    public static final String JWT_REFRESH_SECRET = "JWT_REFRESH_SECRET";

    public static final String AZURE_SPEECH_KEY = "AZURE_SPEECH_KEY";
    public static final String AZURE_SPEECH_REGION = "AZURE_SPEECH_REGION";
    public static final String AZURE_SPEECH_LANGUAGE = "AZURE_SPEECH_LANGUAGE";
    public static final String AZURE_SPEECH_VOICE = "AZURE_SPEECH_VOICE";
    /** The form of an {@value #AZURE_SPEECH_LANGUAGE} value (a BCP-47 locale such as en-IN): checked by the stack parser and the service alike. */
    public static final String SPEECH_LANGUAGE_FORMAT = "[a-z]{2,3}-[A-Z]{2}";
    /** The form of an {@value #AZURE_SPEECH_VOICE} value, a neural voice name such as en-IN-NeerjaNeural. */
    public static final String SPEECH_VOICE_FORMAT = "[a-z]{2,3}-[A-Z]{2}-[A-Za-z0-9]+Neural";
    /**
     * The Speech resource's Azure resource id, for Microsoft Entra tokens on the Speech REST APIs
     * ({@code Authorization: Bearer aad#<resource id>#<token>}); set by infra when the resource's local keys are off.
     */
    public static final String AZURE_SPEECH_RESOURCE_ID = "AZURE_SPEECH_RESOURCE_ID";
    /**
     * Set on a pod by the Azure workload identity webhook when its ServiceAccount carries a client id
     * (https://azure.github.io/azure-workload-identity/docs/quick-start.html): who the pod is, in which
     * tenant, the projected token it exchanges, and where.
     */
    public static final String AZURE_CLIENT_ID = "AZURE_CLIENT_ID";
    public static final String AZURE_TENANT_ID = "AZURE_TENANT_ID";
    public static final String AZURE_FEDERATED_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";
    public static final String AZURE_AUTHORITY_HOST = "AZURE_AUTHORITY_HOST";
    public static final String AZURE_OPENAI_KEY = "AZURE_OPENAI_KEY";
    public static final String AZURE_OPENAI_ENDPOINT = "AZURE_OPENAI_ENDPOINT";

    public static final String MAX_CONCURRENT_CALLS = "MAX_CONCURRENT_CALLS";
    /** Twilio's account auth token: verifies X-Twilio-Signature on the voice webhook; unset, the Twilio endpoints are off. */
    public static final String TWILIO_AUTH_TOKEN = "TWILIO_AUTH_TOKEN";
    /** The scheme and host telephony providers call (https://ws.example.com): signatures cover the URL as they requested it. */
    public static final String TELEPHONY_PUBLIC_URL = "TELEPHONY_PUBLIC_URL";
    /** The ACS resource's connection string (endpoint and access key): answers incoming calls through Call Automation. */
    public static final String ACS_CONNECTION_STRING = "ACS_CONNECTION_STRING";
    /** The ACS resource's immutable id: the audience of the JWT ACS signs each media WebSocket with; required with ACS_CONNECTION_STRING. */
    public static final String ACS_RESOURCE_ID = "ACS_RESOURCE_ID";
    /** The secret in the Event Grid subscription's and Call Automation callbacks' URL (?code=): authenticates their deliveries. */
    public static final String ACS_WEBHOOK_SECRET = "ACS_WEBHOOK_SECRET";
    /** Call sockets one user token may hold at once on a replica (issue 10); a telephony gateway is not limited by it. */
    public static final String MAX_CALLS_PER_USER = "MAX_CALLS_PER_USER";
    public static final String WEBSOCKET_TIMEOUT = "WEBSOCKET_TIMEOUT";
    public static final String PROCESSING_PIPELINE_TIMEOUT = "PROCESSING_PIPELINE_TIMEOUT";
    public static final String FEATURE_MFA_REQUIRED = "FEATURE_MFA_REQUIRED";
    public static final String FEATURE_RATE_LIMITING_ENABLED = "FEATURE_RATE_LIMITING_ENABLED";
    public static final String FEATURE_AUDIT_LOGGING_ENABLED = "FEATURE_AUDIT_LOGGING_ENABLED";

    /** Comma-separated CIDR blocks of the ingress controller's pods, whose X-Real-IP header is believed; empty: none. */
    public static final String TRUSTED_PROXY_CIDRS = "TRUSTED_PROXY_CIDRS";

    /** Distinct reporters, each with a provider-asserted call from the number, before reports count in its global spam score. */
    public static final String SPAM_REPORT_MIN_REPORTERS = "SPAM_REPORT_MIN_REPORTERS";
    /** Spam reports one account may file per 24 hours. */
    public static final String SPAM_REPORTS_PER_DAY = "SPAM_REPORTS_PER_DAY";

    /** Days conversation-engine keeps a call's transcript (every turn, the caller's number) after its last turn. */
    public static final String TRANSCRIPT_RETENTION_DAYS = "TRANSCRIPT_RETENTION_DAYS";

    /** Wrong passwords (or TOTP codes) in a row before an account is locked. */
    public static final String LOGIN_MAX_FAILURES = "LOGIN_MAX_FAILURES";
    /** The first lockout in seconds; each further lockout doubles it, up to an hour. */
    public static final String LOGIN_LOCKOUT_SECONDS = "LOGIN_LOCKOUT_SECONDS";
    /** AES-256 key (base64, 32 bytes) that encrypts TOTP seeds at rest. */
    public static final String TOTP_ENCRYPTION_KEY = "TOTP_ENCRYPTION_KEY";

    public static final String DATA_DIR = "DATA_DIR";
    public static final String SUPPORTED_LANGUAGES = "SUPPORTED_LANGUAGES";
    public static final String WORKER_CONCURRENCY = "WORKER_CONCURRENCY";
    /**
     * Comma-separated ISO 639-1 codes BharatVoice answers by voice: a subset of {@value #SUPPORTED_LANGUAGES}
     * (text) that the speech provider both transcribes and speaks. On AWS that is en and hi (Polly has no
     * other Indian voice); offline, en.
     */
    public static final String VOICE_LANGUAGES = "VOICE_LANGUAGES";
    /** Who transcribes and speaks voice queries: {@code aws} (Transcribe and Polly) or {@code offline} (Sphinx4, FreeTTS; English). */
    public static final String SPEECH_PROVIDER = "SPEECH_PROVIDER";
    /** The region Transcribe, Polly and the media bucket are used in: the stack's (data stays in India). */
    public static final String SPEECH_AWS_REGION = "SPEECH_AWS_REGION";
    /** The S3 bucket, in {@value #SPEECH_AWS_REGION}, that recordings pass through on their way to Transcribe. */
    public static final String SPEECH_MEDIA_BUCKET = "SPEECH_MEDIA_BUCKET";
    public static final String JOB_MAX_ATTEMPTS = "JOB_MAX_ATTEMPTS";

    /** The variable holding the base URL of another service, e.g. {@code SMART_WHITELIST_URL}. */
    public static String urlOf(String serviceName) {
        return serviceName.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL";
    }

    private Env() {
    }
}
