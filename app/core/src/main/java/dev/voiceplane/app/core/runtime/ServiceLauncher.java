package dev.voiceplane.app.core.runtime;

import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.db.Database;
import dev.voiceplane.app.core.db.Migrations;
import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of every service image. No argument: serve until SIGTERM, then shut down
 * gracefully. The single argument {@code migrate}: apply the Flyway migrations and exit — the step
 * the manifests run as an init container.
 *
 * <p>Exit codes: 0 done, 1 failed at run time (a store unreachable, a migration failed),
 * 2 bad configuration or arguments (the message names the variable).
 */
public final class ServiceLauncher {

    public static final String MIGRATE = "migrate";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_CONFIGURATION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

    private ServiceLauncher() {
    }

    /** Runs the service named {@code serviceName} in the catalog; exits the JVM only on failure or after migrating. */
    public static void main(String serviceName, String[] args, Supplier<ServiceModule> module) {
        ServiceSpec spec = ServiceCatalog.get(serviceName);
        int exit = run(spec, args, System.getenv(), module);
        if (exit != EXIT_OK || args.length > 0) {
            System.exit(exit);
        }
    }

    /** Testable core of {@link #main}: returns the exit code; a started server keeps running. */
    public static int run(ServiceSpec spec, String[] args, Map<String, String> environment, Supplier<ServiceModule> module) {
        try {
            if (args.length == 1 && MIGRATE.equals(args[0])) {
                int applied = migrate(spec, environment, module.get().schemaOwner().orElse(spec.name()));
                LOG.info("service {}: {} migration(s) applied", spec.name(), applied);
                return EXIT_OK;
            }
            if (args.length > 0) {
                System.err.println("usage: " + spec.name() + " [" + MIGRATE + "]; got " + Arrays.toString(args));
                return EXIT_BAD_CONFIGURATION;
            }
            ServiceRuntime runtime = ServiceRuntime.start(spec, environment, module.get(), Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::stop, spec.name() + "-shutdown"));
            return EXIT_OK;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            LOG.error(e.getMessage());
            return EXIT_BAD_CONFIGURATION;
        } catch (RuntimeException e) {
            LOG.error("service {} failed to start", spec.name(), e);
            return EXIT_FAILURE;
        }
    }

    /** Applies the service's migrations; returns how many ran. */
    public static int migrate(ServiceSpec spec, Map<String, String> environment) {
        return migrate(spec, environment, spec.name());
    }

    /** Applies {@code schemaOwner}'s migrations to the service's database; see {@link ServiceModule#schemaOwner()}. */
    public static int migrate(ServiceSpec spec, Map<String, String> environment, String schemaOwner) {
        return migrate(spec, environment, schemaOwner, CallBudgets.PRODUCTION);
    }

    /** The same with the database waits {@code budgets} gives (tests raise them to a floor; see {@link CallBudgets}). */
    public static int migrate(ServiceSpec spec, Map<String, String> environment, String schemaOwner, CallBudgets budgets) {
        if (!spec.uses(DataStore.POSTGRES)) {
            throw new ConfigException("service '" + spec.name() + "' has no database to migrate");
        }
        ServiceConfig config = ServiceConfig.load(spec, environment);
        try (Database database = Database.connect(config, 2, null, budgets)) {
            return new Migrations(database.dataSource(), schemaOwner).migrate();
        }
    }
}
