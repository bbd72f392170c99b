package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.charts.monitoring.Dashboard.Panel.graph;
import static dev.voiceplane.charts.monitoring.Dashboard.Panel.stat;

import dev.voiceplane.charts.monitoring.Dashboard.Target;
import java.util.List;

/**
 * BharatVoice's four dashboards, as its guide names them ("Application overview", "Infrastructure",
 * "Voice processing performance", "User experience"), on the series its services export
 * ({@link BharatVoiceMetrics}, {@link Queries}) with the guide's targets beside the figures they
 * judge: errors under 1 % on critical endpoints, voice processing under 5 s, p95 under 2 s for
 * simple queries. Infrastructure is the cAdvisor view both systems share.
 */
public final class BharatVoiceDashboards {
    private BharatVoiceDashboards() {
    }

    /** All four, in the guide's order. */
    public static List<Dashboard> of(String system, String namespace, String app) {
        Queries q = new Queries(namespace);
        List<String> tags = List.of("voiceplane", system);
        String job = "job=\"" + app + "\"";
        return List.of(applicationOverview(system, q, tags, job),
                Dashboards.infrastructure(system, q, tags),
                voiceProcessing(system, q, tags),
                userExperience(system, q, tags, job));
    }

    static Dashboard applicationOverview(String system, Queries q, List<String> tags, String job) {
        String requests = Queries.HTTP_REQUESTS + "_count";
        return new Dashboard(system + "-application-overview", system + " / Application overview", tags)
                .add(stat("Requests per second", "reqps", "sum(rate(" + requests + q.sel(job) + "[5m]))"))
                .add(stat("Error ratio (5xx)", "percentunit", "sum(rate(" + requests + q.sel(job + ",status=~\"5..\"") + "[5m])) / sum(rate("
                        + requests + q.sel(job) + "[5m]))"))
                .add(stat("P95 latency", "s", q.latency(0.95, "", job)))
                .add(stat("Instances up", "short", "sum(up" + q.sel("") + ")"))
                .add(graph("Requests by route", "reqps", new Target("sum by (route) (rate(" + requests + q.sel(job) + "[5m]))", "{{route}}")))
                .add(graph("P95 latency by route", "s", new Target(q.latency(0.95, "route", job), "{{route}}")))
                .add(graph("Worker jobs by result", "short", new Target("sum by (result) (rate(" + BharatVoiceMetrics.JOBS + q.sel("")
                        + "[5m])) * 60", "{{result}} per minute")))
                .add(graph("Firing alerts", "short",
                        new Target("sum by (alertname, severity) (ALERTS" + q.sel("alertstate=\"firing\"") + ")", "{{alertname}} ({{severity}})")));
    }

    static Dashboard voiceProcessing(String system, Queries q, List<String> tags) {
        String voice = BharatVoiceMetrics.VOICE_KINDS;
        return new Dashboard(system + "-voice-processing", system + " / Voice processing performance", tags)
                .add(stat("Voice uploads per minute", "short", "sum(rate(" + BharatVoiceMetrics.VOICE_UPLOADS + q.sel("") + "[5m])) * 60"))
                .add(stat("P95 voice processing (target < 5 s)", "s", BharatVoiceMetrics.voiceJobLatency(q, 0.95, "")))
                .add(stat("Voice jobs waiting", "short", "sum(" + BharatVoiceMetrics.QUEUE_DEPTH + q.sel("queue=\"ready\"") + ")"))
                .add(stat("Dead-lettered jobs", "short", "sum(" + BharatVoiceMetrics.QUEUE_DEPTH + q.sel("queue=\"dead\"") + ")"))
                .add(graph("Voice processing percentiles", "s",
                        new Target(BharatVoiceMetrics.voiceJobLatency(q, 0.50, "kind"), "p50 {{kind}}"),
                        new Target(BharatVoiceMetrics.voiceJobLatency(q, 0.95, "kind"), "p95 {{kind}}"),
                        new Target("5", "target")))
                .add(graph("Voice job outcomes", "short", new Target("sum by (kind, result) (rate(" + BharatVoiceMetrics.JOBS
                        + q.sel(voice) + "[5m])) * 60", "{{kind}} {{result}} per minute")))
                .add(graph("Voice processing failures by stage", "short", new Target("sum by (stage) (increase("
                        + Queries.VOICE_FAILURES + q.sel("") + "[5m]))", "{{stage}}")))
                .add(graph("Queue depth and jobs running", "short",
                        new Target("sum by (queue) (" + BharatVoiceMetrics.QUEUE_DEPTH + q.sel("") + ")", "{{queue}}"),
                        new Target("sum(" + BharatVoiceMetrics.JOBS_IN_FLIGHT + q.sel("") + ")", "running")))
                .add(graph("Voice queries, upload to spoken answer (p95)", "s",
                        new Target(BharatVoiceMetrics.voiceQueryLatency(q, 0.95, "simple", "language"), "simple {{language}}"),
                        new Target(BharatVoiceMetrics.voiceQueryLatency(q, 0.95, "complex", "language"), "complex {{language}}"),
                        new Target("2", "target simple"), new Target("5", "target complex")))
                .add(graph("Voice stage latency (p95)", "s", new Target("histogram_quantile(0.95, sum by (stage, le) (rate("
                        + BharatVoiceMetrics.VOICE_STAGE + "_bucket" + q.sel("") + "[5m])))", "{{stage}}")))
                .add(graph("Voice failures by stage and language", "short", new Target("sum by (stage, language) (increase("
                        + BharatVoiceMetrics.VOICE_STAGE_FAILURES + q.sel("") + "[5m]))", "{{stage}} {{language}}")))
                .add(graph("Average upload size", "bytes", new Target("sum(rate(" + BharatVoiceMetrics.VOICE_UPLOAD_BYTES + "_sum" + q.sel("")
                        + "[5m])) / sum(rate(" + BharatVoiceMetrics.VOICE_UPLOAD_BYTES + "_count" + q.sel("") + "[5m]))", "bytes")));
    }

    static Dashboard userExperience(String system, Queries q, List<String> tags, String job) {
        String simple = job + ",route=\"" + BharatVoiceMetrics.QUERY_ROUTE + "\",method=\"POST\"";
        return new Dashboard(system + "-user-experience", system + " / User experience", tags)
                .add(stat("P95 simple query (target < 2 s)", "s", q.latency(0.95, "", simple)))
                .add(stat("Critical endpoint errors (target < 1 %)", "percentunit", "max(" + BharatVoiceMetrics.criticalErrorRatio(q, job) + ")"))
                .add(stat("Queries in the last 24 h", "short", "sum(increase(" + BharatVoiceMetrics.QUERIES + q.sel("") + "[24h]))"))
                .add(stat("Login success ratio", "percentunit", "sum(rate(" + BharatVoiceMetrics.LOGINS + q.sel("result=\"success\"")
                        + "[1h])) / sum(rate(" + BharatVoiceMetrics.LOGINS + q.sel("") + "[1h]))"))
                .add(graph("Simple query latency", "s",
                        new Target(q.latency(0.50, "", simple), "p50"), new Target(q.latency(0.95, "", simple), "p95"), new Target("2", "target")))
                .add(graph("Errors on critical endpoints", "percentunit", new Target(BharatVoiceMetrics.criticalErrorRatio(q, job), "{{route}}"),
                        new Target("0.01", "target")))
                .add(graph("Queries by language", "short", new Target("sum by (language) (rate(" + BharatVoiceMetrics.QUERIES + q.sel("")
                        + "[5m])) * 60", "{{language}} per minute")))
                .add(graph("Queries by topic", "short", new Target("sum by (topic) (rate(" + BharatVoiceMetrics.QUERIES + q.sel("")
                        + "[5m])) * 60", "{{topic}} per minute")))
                .add(graph("Sign-ins and sign-ups", "short",
                        new Target("sum by (result) (rate(" + BharatVoiceMetrics.LOGINS + q.sel("") + "[5m])) * 60", "logins {{result}}"),
                        new Target("sum(rate(" + BharatVoiceMetrics.REGISTRATIONS + q.sel("") + "[5m])) * 60", "registrations")))
                .add(graph("Requests refused (rate limit, credentials)", "reqps",
                        new Target("sum(rate(" + Queries.RATE_LIMIT_REJECTED + q.sel("") + "[5m]))", "rate limited"),
                        new Target("sum(rate(" + Queries.AUTH_FAILURES + q.sel("") + "[5m]))", "refused credentials")));
    }
}
