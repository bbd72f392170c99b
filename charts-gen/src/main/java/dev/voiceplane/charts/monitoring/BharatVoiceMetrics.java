package dev.voiceplane.charts.monitoring;

import dev.voiceplane.catalog.Routes;
import java.util.List;

/**
 * The series BharatVoice's services export, as the Prometheus registry names Micrometer's meters
 * (dots become '_', counters end in {@code _total}, timers in {@code _seconds}), and the queries its
 * dashboards and alerts share. Names come from the services' code: app/bharatvoice-app
 * ({@code AssistantRoutes}, {@code AuthService}) and app/bharatvoice-worker ({@code JobWorker});
 * the HTTP, rate-limit and auth meters of app/core are in {@link Queries}.
 */
public final class BharatVoiceMetrics {
    /** Queries answered, by {@code language} and {@code topic}. */
    public static final String QUERIES = "bharatvoice_queries_total";
    /** Voice recordings uploaded, and their size (a summary: {@code _sum}, {@code _count}). */
    public static final String VOICE_UPLOADS = "bharatvoice_voice_uploads_total";
    public static final String VOICE_UPLOAD_BYTES = "bharatvoice_voice_upload_bytes";
    /** Logins by {@code result} (success, failure), and registrations. */
    public static final String LOGINS = "bharatvoice_auth_logins_total";
    public static final String REGISTRATIONS = "bharatvoice_auth_registrations_total";
    /** Background job duration by {@code kind} (a histogram), and outcomes by {@code kind} and {@code result}. */
    public static final String JOB_DURATION = "bharatvoice_job_duration_seconds";
    public static final String JOBS = "bharatvoice_jobs_total";
    /** Jobs in the queue's lists by {@code queue} (ready, delayed, dead), and running on a replica. */
    public static final String QUEUE_DEPTH = "bharatvoice_queue_depth";
    public static final String JOBS_IN_FLIGHT = "bharatvoice_jobs_in_flight";
    /**
     * A voice query from upload accepted to answer audio ready, by {@code language} and {@code size}
     * ({@code simple}: up to 5 s of speech and 12 words; {@code complex}), a histogram with buckets at
     * 2 s and 5 s; each stage's time by {@code stage} (verify, transcribe, answer, synthesize, store)
     * and {@code language}; failed attempts by {@code stage} and {@code language} (app/bharatvoice-worker
     * {@code VoiceMetrics}).
     */
    public static final String VOICE_QUERY = "bharatvoice_voice_query_seconds";
    public static final String VOICE_STAGE = "bharatvoice_voice_stage_seconds";
    public static final String VOICE_STAGE_FAILURES = "bharatvoice_voice_failures_total";
    /** The route of a typed query: the guide's "simple queries". */
    public static final String QUERY_ROUTE = Routes.QUERIES;
    /** The endpoints users depend on: asking, speaking, signing in. */
    public static final List<String> CRITICAL_ROUTES = List.of(QUERY_ROUTE, Routes.VOICE_UPLOADS, Routes.AUTH_LOGIN);
    /** Job kinds of voice processing start with this (the worker's {@code voice.transcribe}). */
    static final String VOICE_KINDS = "kind=~\"voice\\\\..+\"";

    private BharatVoiceMetrics() {
    }

    /** Share of 5xx answers per critical route of {@code job}. */
    static String criticalErrorRatio(Queries q, String job) {
        String routes = job + ",route=~\"" + String.join("|", CRITICAL_ROUTES) + "\"";
        return "sum by (route) (rate(" + Queries.HTTP_REQUESTS + "_count" + q.sel(routes + ",status=~\"5..\"") + "[5m]))\n  /\n"
                + "sum by (route) (rate(" + Queries.HTTP_REQUESTS + "_count" + q.sel(routes) + "[5m]))";
    }

    /** A quantile of voice queries of one {@code size}, upload accepted to answer audio, in seconds. */
    static String voiceQueryLatency(Queries q, double quantile, String size, String by) {
        String group = by.isEmpty() ? "le" : by + ", le";
        return "histogram_quantile(" + quantile + ", sum by (" + group + ") (rate(" + VOICE_QUERY + "_bucket" + q.sel("size=\"" + size + "\"")
                + "[10m])))";
    }

    /** A quantile of voice job durations in seconds. */
    static String voiceJobLatency(Queries q, double quantile, String by) {
        String group = by.isEmpty() ? "le" : by + ", le";
        return "histogram_quantile(" + quantile + ", sum by (" + group + ") (rate(" + JOB_DURATION + "_bucket" + q.sel(VOICE_KINDS) + "[5m])))";
    }
}
