package dev.voiceplane.app.devstack;

import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.LocalEnvironment;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The load benchmark for whitelist decisions (not a test: it reports, it does not assert).
 *
 * <pre>
 * mvn -B -q -pl app/devstack -am install -DskipTests &amp;&amp; \
 *   mvn -B -q -pl app/devstack exec:java -Dexec.mainClass=dev.voiceplane.app.devstack.Bench [-Dexec.args="..."]
 * </pre>
 *
 * Options: {@code --concurrency N} (200), {@code --warmup S} (10), {@code --seconds S} (20),
 * {@code --users N} (1000). By default it starts profile-analytics and smart-whitelist in this JVM
 * with embedded stores, seeds them through their APIs, and drives smart-whitelist over loopback.
 * With {@code --url http://127.0.0.1:3006 --analytics http://127.0.0.1:3004} it drives an already
 * running local run instead (started with the local signing key, as {@link DevStack} does).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        AccessTokens tokens = new AccessTokens(LocalEnvironment.ACCESS_SECRET, Clock.systemUTC());
        LocalStack stack = null;
        URI whitelist = options.url;
        URI analytics = options.analytics;
        if (whitelist == null) {
            EmbeddedStores stores = EmbeddedStores.start(0, 0);
            try {
                // Free ports: the benchmark runs beside a local run (or another build) holding the catalog ports.
                stack = LocalStack.start(stores, List.of("profile-analytics", "smart-whitelist"), LocalStack.Ports.FREE);
            } catch (RuntimeException e) {
                stores.stop();
                throw e;
            }
            whitelist = URI.create(stack.service("smart-whitelist").url());
            analytics = URI.create(stack.service("profile-analytics").url());
        }
        try {
            WhitelistWorkload workload = new WhitelistWorkload(whitelist, options.users, tokens);
            long seedStart = System.nanoTime();
            workload.seed(analytics);
            System.out.printf("seeded %d users and %d spammers in %.1f s%n", options.users, WhitelistWorkload.SPAMMERS,
                    (System.nanoTime() - seedStart) / 1e9);
            LatencyReport report = new NioLoadGenerator(whitelist, options.concurrency)
                    .run(options.warmUp, options.measure, workload::nextRequest, WhitelistWorkload::action);
            System.out.println(report.format("smart-whitelist POST /api/decisions" + (stack == null ? " (external)" : " (in-process stack)")
                    + ", " + Runtime.getRuntime().availableProcessors() + " cores shared by client and server"));
        } finally {
            if (stack != null) {
                stack.close();
                stack.stores().stop();
            }
        }
    }

    /** Command-line options with the defaults the issue asks to report. */
    private record Options(int concurrency, Duration warmUp, Duration measure, int users, URI url, URI analytics) {

        static Options parse(String[] args) {
            int concurrency = 200;
            int warmUp = 10;
            int seconds = 20;
            int users = 1000;
            URI url = null;
            URI analytics = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--concurrency" -> concurrency = Integer.parseInt(require(args[i], value));
                    case "--warmup" -> warmUp = Integer.parseInt(require(args[i], value));
                    case "--seconds" -> seconds = Integer.parseInt(require(args[i], value));
                    case "--users" -> users = Integer.parseInt(require(args[i], value));
                    case "--url" -> url = URI.create(require(args[i], value));
                    case "--analytics" -> analytics = URI.create(require(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --concurrency N --warmup S --seconds S --users N --url URL --analytics URL");
                }
                i++;
            }
            if ((url == null) != (analytics == null)) {
                throw new IllegalArgumentException("--url and --analytics go together");
            }
            if (users < 1 || users > 99_999) {
                throw new IllegalArgumentException("--users must be between 1 and 99999");
            }
            return new Options(concurrency, Duration.ofSeconds(warmUp), Duration.ofSeconds(seconds), users, url, analytics);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
