package dev.voiceplane.app.core.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Versioned schema migrations with Flyway, from {@code classpath:db/<service-name>/V*__*.sql}. The
 * folder is named after the service so that several services can share one classpath (the local
 * run) without picking up each other's migrations.
 *
 * <p>In the cluster the manifests run the image with the argument {@code migrate} as an init
 * container; the service itself never migrates on start, it only refuses to start on a schema
 * that is behind, so two replicas starting at once cannot race on DDL.
 */
public final class Migrations {

    private final Flyway flyway;

    public Migrations(DataSource dataSource, String serviceName) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + serviceName)
                .failOnMissingLocations(true)
                // The manifests give all services of a system one database (DB_NAME per system): each
                // service keeps its own history table, and its first migration into a database that
                // already holds another service's tables starts from an empty baseline (version 0).
                .table(historyTable(serviceName))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    /** The Flyway history table of a service's migrations, e.g. {@code flyway_history_smart_whitelist}. */
    public static String historyTable(String serviceName) {
        return "flyway_history_" + serviceName.replace('-', '_');
    }

    /** Applies pending migrations; returns how many ran. */
    public int migrate() {
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /** Fails naming the pending versions when the schema is behind the code. */
    public void requireUpToDate() {
        var pending = flyway.info().pending();
        if (pending.length > 0) {
            StringBuilder versions = new StringBuilder();
            for (var migration : pending) {
                versions.append(versions.length() == 0 ? "" : ", ").append(migration.getVersion());
            }
            throw new IllegalStateException("database schema is behind: migrations " + versions
                    + " are pending; run the image with the argument 'migrate' first");
        }
    }
}
