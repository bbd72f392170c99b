package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server running in the cluster archives its WAL continuously, and an alert says when archiving
 * stops: nightly dumps alone put the recovery point up to a day back, which the BharatVoice guide's point-in-time
 * recovery does not allow. Archiving is on when the server is started with {@code archive_mode=on} and a non-empty
 * {@code archive_command} (as {@code -c} arguments, or in a postgresql.conf from a ConfigMap it mounts;
 * https://www.postgresql.org/docs/15/continuous-archiving.html#BACKUP-ARCHIVING-WAL); the alert is a PrometheusRule
 * on postgres_exporter's {@code pg_stat_archiver_*} series (https://github.com/prometheus-community/postgres_exporter).
 * Managed databases have their cloud's point-in-time restore and are not in the objects.
 */
final class PointInTimeRecovery {
    static final RuleSpec SPEC = RuleSpec.of("postgres-pitr", Severity.ERROR, Layer.CROSS_OBJECT,
            "in-cluster PostgreSQL archives its WAL continuously (archive_mode=on, archive_command) and an alert watches pg_stat_archiver",
            "start PostgreSQL with -c archive_mode=on -c archive_command='wal-g wal-push %p' and alert on pg_stat_archiver_failed_count "
                    + "and pg_stat_archiver_last_archive_age (postgres_exporter)",
            "https://www.postgresql.org/docs/15/continuous-archiving.html").decidedBy("voiceplane:dataStores");
    /** The server image (docker-library postgres, any registry), not clients or exporters named after it. */
    private static final Pattern SERVER_IMAGE = Pattern.compile("(^|.*/)postgres(:|@).*");
    private static final Pattern MODE_ON = Pattern.compile("archive_mode\\s*=\\s*'?(on|always)'?");
    private static final Pattern COMMAND = Pattern.compile("archive_command\\s*=\\s*'?[^'\\s]+");

    private PointInTimeRecovery() {
    }

    static Rule rule() {
        return Rules.perPod(SPEC, (m, pod, f) -> {
            if (pod.runsToCompletion()) {
                return;
            }
            int i = 0;
            for (JsonNode c : pod.spec().path("containers")) {
                String at = pod.specPath("/containers/" + i++);
                if (!SERVER_IMAGE.matcher(c.path("image").asText()).matches()) {
                    continue;
                }
                String settings = settings(m, pod, c);
                if (!MODE_ON.matcher(settings).find() || !COMMAND.matcher(settings).find()) {
                    f.add(pod.owner(), at + (c.has("args") ? "/args" : ""), pod.describe() + " runs PostgreSQL without WAL archiving: "
                            + "it can only be restored to its last dump");
                } else if (m.ofKind("PrometheusRule").stream().noneMatch(r -> r.at("/spec").toString().contains("pg_stat_archiver_"))) {
                    f.add(pod.owner(), at, pod.describe() + " archives its WAL but no alert watches pg_stat_archiver: a failing "
                            + "archive_command goes unnoticed until a restore needs it");
                }
            }
        });
    }

    /** The server's command line and the data of the ConfigMaps its pod mounts. */
    private static String settings(Model m, PodTemplate pod, JsonNode container) {
        List<String> parts = new ArrayList<>();
        container.path("command").forEach(a -> parts.add(a.asText()));
        container.path("args").forEach(a -> parts.add(a.asText()));
        for (JsonNode v : pod.spec().path("volumes")) {
            String name = v.at("/configMap/name").asText("");
            if (!name.isEmpty()) {
                m.find("ConfigMap", pod.namespace(), name).ifPresent(cm -> cm.at("/data").forEach(d -> parts.add(d.asText())));
            }
        }
        return String.join("\n", parts);
    }
}
