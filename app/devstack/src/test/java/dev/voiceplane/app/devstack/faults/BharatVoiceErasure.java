package dev.voiceplane.app.devstack.faults;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.SystemName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/** Abuse case 5 for BharatVoice, whose users are its own: export and erasure reach the worker's jobs and files too. */
final class BharatVoiceErasure {

    private final Clients clients;
    private final FaultReport report;

    BharatVoiceErasure(Clients clients, FaultReport report) {
        this.clients = clients;
        this.report = report;
    }

    /**
     * 5b: BharatVoice erases here (its users are its own): account, queries, uploads, job outcomes,
     * queued jobs and the files the worker wrote, and the user's token stops working at once.
     * {@code jobs} are the user's acknowledged uploads' jobs from the faults, all finished.
     */
    void run(String user, Ledger uploads) {
        TestHttp assistant = clients.http("bharatvoice-app");
        String token = clients.bharatvoiceToken(user, Role.USER);
        List<String> jobs = uploads.jobIds();
        TestResponse export = assistant.get("/api/users/" + user + "/export", token);
        long exported = jobs.stream().filter(export.raw()::contains).count();
        Path dataDir = LocalEnvironment.dataDirectory(SystemName.BHARATVOICE);
        // Each upload's recording and its spoken answer (VoiceQueryHandler), by upload id.
        LongSupplier files = () -> uploads.uploadIds().stream().mapToLong(id -> (Files.exists(dataDir.resolve("uploads/" + id + ".wav")) ? 1 : 0)
                + (Files.exists(dataDir.resolve("answers/" + id + ".wav")) ? 1 : 0)).sum();
        long filesBefore = files.getAsLong();
        TestResponse erased = assistant.delete("/api/users/" + user, token);
        int tokenAfter = assistant.get("/api/queries", token).status();
        try {
            Await.until(() -> files.getAsLong() == 0, Ledger.CATCH_UP); // the files go after the rows
        } catch (AssertionError stillThere) {
            // reported below
        }
        long filesAfter = files.getAsLong();
        long jobsAfter = jobs.stream().map(clients::jobStatus).filter(status -> !"404".equals(status)).count();
        report.abuse("A5b", "BharatVoice export and erasure (app and worker data)",
                "export and erasure of the user whose " + jobs.size() + " uploads the faults ran; then the user's token, the jobs, the files",
                "export " + export.status() + " lists " + exported + " of " + jobs.size() + " jobs; erasure " + erased.status() + " "
                        + erased.json().path("erased") + "; afterwards: token " + tokenAfter + ", jobs still known " + jobsAfter
                        + ", recordings and answers on disk " + filesBefore + " -> " + filesAfter,
                export.status() == 200 && exported == jobs.size() && erased.status() == 200 && tokenAfter == 401 && jobsAfter == 0
                        && filesBefore == 2L * jobs.size() && filesAfter == 0);
    }

}
