package dev.voiceplane.app.devstack;

import dev.voiceplane.app.testkit.EmbeddedStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local run's lifecycle: stores first, then services; on stop the reverse — every service
 * drains while PostgreSQL and Redis still answer, then Redis and PostgreSQL stop. (The embedded
 * stores' own JVM shutdown hooks run in parallel with any hook of ours, which stopped PostgreSQL
 * under services still draining; {@link DevStack} therefore stops on the signal itself, before the
 * JVM's hooks run.) Data is fresh on every start unless {@code keepDataIn} is given.
 */
public final class LocalRun implements AutoCloseable {

    private final EmbeddedStores stores;
    private final LocalStack stack;
    private final Optional<Path> keptIn;
    private final List<String> stopped = new ArrayList<>();
    private boolean closed;

    private LocalRun(EmbeddedStores stores, LocalStack stack, Optional<Path> keptIn) {
        this.stores = stores;
        this.stack = stack;
        this.keptIn = keptIn;
    }

    /**
     * Starts the stores on the given ports (0: free ones) and then {@code only} (all services when
     * empty). {@code keepDataIn}: where PostgreSQL and Redis keep their data across runs; empty for
     * fresh data each run.
     */
    public static LocalRun start(int postgresPort, int redisPort, List<String> only, Optional<Path> keepDataIn) {
        return start(postgresPort, redisPort, only, keepDataIn, dev.voiceplane.app.core.runtime.CallBudgets.PRODUCTION);
    }

    /** The same with the network budgets {@code budgets} decides (a test floor in tests; see {@link LocalStack}). */
    public static LocalRun start(int postgresPort, int redisPort, List<String> only, Optional<Path> keepDataIn,
            dev.voiceplane.app.core.runtime.CallBudgets budgets) {
        EmbeddedStores stores = EmbeddedStores.start(postgresPort, redisPort, keepDataIn.orElse(null));
        try {
            return new LocalRun(stores, LocalStack.start(stores, only, keepDataIn.isPresent(), budgets), keepDataIn);
        } catch (RuntimeException e) {
            stores.stop();
            throw e;
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public EmbeddedStores stores() {
        return stores;
    }

    public Optional<Path> keptIn() {
        return keptIn;
    }

    /** What stopped, in order: each service by name, then {@code stores}. */
    public synchronized List<String> stopOrder() {
        return List.copyOf(stopped);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stack.close(stopped::add);
        stores.stop();
        stopped.add("stores");
    }
}
