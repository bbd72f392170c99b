package dev.voiceplane.app.testkit;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.RateLimitPolicy;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A minimal service on app-core, used to test what core gives every service. */
final class SampleService implements ServiceModule {

    static final ServiceSpec SPEC = ServiceSpec.builder(SystemName.AI_NINJA, "sample")
            .port(3999).stores(DataStore.POSTGRES, DataStore.REDIS).migrates(true)
            .env(EnvVar.secret(Env.JWT_ACCESS_SECRET, "HMAC key"), EnvVar.config(Env.FEATURE_RATE_LIMITING_ENABLED, "flag"))
            .build();

    /** The same service behind an ingress whose pods' addresses include loopback (where the tests connect from). */
    static final ServiceSpec BEHIND_INGRESS = ServiceSpec.builder(SystemName.AI_NINJA, "sample-behind-ingress")
            .port(3998).stores(DataStore.POSTGRES, DataStore.REDIS).migrates(true)
            .env(EnvVar.secret(Env.JWT_ACCESS_SECRET, "HMAC key"), EnvVar.config(Env.FEATURE_RATE_LIMITING_ENABLED, "flag"),
                    EnvVar.config(Env.TRUSTED_PROXY_CIDRS, "ingress pods").optional())
            .build();

    /** A route anyone may call, limited per client address; it answers with the address the service saw. */
    static final String OPEN = "/api/open";

    /** Released by a test to let the slow request finish. */
    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile CountDownLatch entered = new CountDownLatch(0);

    /** A socket its connect handler refuses, as a call service at capacity does: see {@link #refuseFromAnotherThread}. */
    static final String REFUSED_ELSEWHERE = "/ws/refused-elsewhere";
    /** The close code of {@value #REFUSED_ELSEWHERE}: RFC 6455 §7.4.1, try again later. */
    static final int TRY_AGAIN_LATER = 1013;

    record NewNote(String text) {
        NewNote {
            Input.text("text", text, 100);
        }
    }

    /**
     * Closes each socket from another thread while its connect handler is still running, and
     * returns only once the close has been delivered: the interleaving the capacity race of issue 10
     * produced now and then under CPU contention (the close before core's tracker heard of the
     * connect), here on every connect.
     */
    private static void refuseFromAnotherThread(io.javalin.websocket.WsConfig ws) {
        Map<String, CountDownLatch> closed = new java.util.concurrent.ConcurrentHashMap<>();
        ws.onConnect(ctx -> {
            CountDownLatch delivered = closed.computeIfAbsent(ctx.sessionId(), id -> new CountDownLatch(1));
            Thread closer = new Thread(() -> ctx.closeSession(TRY_AGAIN_LATER, "replica at capacity"), "sample-refuser");
            closer.start();
            closer.join();
            if (!delivered.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the close of " + ctx.sessionId() + " was not delivered");
            }
        });
        ws.onClose(ctx -> closed.computeIfAbsent(ctx.sessionId(), id -> new CountDownLatch(1)).countDown());
    }

    /** Both specs use the sample's migrations. */
    @Override
    public java.util.Optional<String> schemaOwner() {
        return java.util.Optional.of("sample");
    }

    @Override
    public RateLimitPolicy rateLimitPolicy() {
        return new RateLimitPolicy(Duration.ofMinutes(1), 5, 20, 1000);
    }

    @Override
    public void install(ServiceContext context) {
        var jdbi = context.database().jdbi();
        context.app().post("/api/notes", ctx -> {
            NewNote note = Input.body(ctx, NewNote.class);
            String owner = AccessGuard.principal(ctx).subject();
            long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO note(owner, text) VALUES (:o, :t)")
                    .bind("o", owner).bind("t", note.text()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            ctx.status(201).json(Map.of("id", id));
        }, Role.USER);
        context.app().get("/api/notes", ctx -> ctx.json(jdbi.withHandle(h -> h.createQuery("SELECT text FROM note WHERE owner = :o ORDER BY id")
                .bind("o", AccessGuard.principal(ctx).subject()).mapTo(String.class).list())), Role.USER);
        // A statement that fails with the value it was given: the server quotes it, and Jdbi can list bound arguments.
        context.app().post("/api/notes/numbers", ctx -> {
            NewNote note = Input.body(ctx, NewNote.class);
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO note(owner, text) VALUES (:o, CAST(CAST(:t AS INTEGER) AS TEXT))")
                    .bind("o", AccessGuard.principal(ctx).subject()).bind("t", note.text()).execute());
            ctx.status(201);
        }, Role.USER);
        context.app().get("/api/admin", ctx -> ctx.json(Map.of("ok", true)), Role.ADMIN);
        // Open to anyone, as login and registration are: rate-limited per client address.
        context.app().get(OPEN, ctx -> ctx.json(Map.of("client", dev.voiceplane.app.core.auth.ClientAddress.of(ctx))),
                dev.voiceplane.app.core.auth.Anyone.ANYONE);
        context.app().get("/api/slow", ctx -> {
            entered.countDown();
            release.await(60, TimeUnit.SECONDS);
            ctx.json(Map.of("finished", true));
        }, Role.USER);
        context.websocket("/ws/echo", Set.of(Role.USER), ws -> ws.onMessage(msg -> msg.send(msg.message())));
        context.websocket(REFUSED_ELSEWHERE, Set.of(Role.USER), SampleService::refuseFromAnotherThread);
    }
}
