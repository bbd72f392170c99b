package dev.voiceplane.infra.db;

import java.util.regex.Pattern;

/**
 * The SQL that gives a system's services their database login with only what they use, run by the
 * bootstrap Job as the server's administrator, connected to the application database. Idempotent: every
 * statement either checks first or sets an absolute state, so the Job can run on every change (a rotated
 * password, a new script) and a second run changes nothing.
 *
 * <p>What the services and their migrations need, read from app/*: each service runs Flyway as itself in
 * its {@code migrate} init container (same {@code DB_USERNAME}), creating tables and a history table in
 * the {@code public} schema of the one system database; no migration creates an extension, a schema, a
 * role or a temporary table. So the role gets: login with its password; {@code CONNECT} on its database
 * and nothing on others' beyond PostgreSQL's defaults; {@code USAGE, CREATE} on schema {@code public},
 * whose tables it then owns. It does not get {@code CREATEDB}, {@code CREATEROLE}, membership in
 * {@code azure_pg_admin}, or anything on other schemas. {@code PUBLIC} loses {@code CONNECT} on the
 * database and {@code CREATE} on {@code public} (PostgreSQL 14 grants both to every role; the documented
 * "secure schema usage pattern", https://www.postgresql.org/docs/14/ddl-schemas.html#DDL-SCHEMAS-PATTERNS).
 *
 * <p>The password arrives as a SCRAM verifier ({@link ScramVerifier}) in the session setting
 * {@value #VERIFIER_SETTING}, which the Job passes in {@code PGOPTIONS} from a Secret: it is not in the
 * script, the Job's spec or its command line, and the statement the server logs is the DO block's text.
 * A failure to set it is reported without the statement (whose text would hold the verifier).
 */
public final class AppRoleScript {
    /** The custom setting that carries the verifier; a dotted name, which any role may set for its session. */
    public static final String VERIFIER_SETTING = "voiceplane.app_password_verifier";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private AppRoleScript() {
    }

    /**
     * The script for {@code role} in {@code database}; both plain lower-case identifiers (checked), so
     * they appear unquoted and no value in the script is taken from anywhere else.
     */
    public static String sql(String database, String role) {
        for (String name : new String[] {database, role}) {
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a plain PostgreSQL identifier (lower case, digits, _; at most 63)");
            }
        }
        return """
                -- voiceplane: the login of the services of database %1$s (infra/src/main/java/dev/voiceplane/infra/db/AppRoleScript.java).
                -- Idempotent: run again, it changes nothing but the password.
                DO $$
                BEGIN
                  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '%2$s') THEN
                    CREATE ROLE %2$s;
                  END IF;
                END
                $$;

                DO $$
                DECLARE
                  verifier text := current_setting('%3$s', true);
                BEGIN
                  IF verifier IS NULL OR left(verifier, 14) <> 'SCRAM-SHA-256$' THEN
                    RAISE EXCEPTION 'the password of role %2$s must arrive as a SCRAM-SHA-256 verifier in %3$s';
                  END IF;
                  BEGIN
                    EXECUTE format('ALTER ROLE %2$s WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD %%L', verifier);
                  EXCEPTION WHEN OTHERS THEN
                    -- Re-raised without the statement's text, which holds the verifier.
                    RAISE EXCEPTION 'setting the password of role %2$s failed: %% (SQLSTATE %%)', SQLERRM, SQLSTATE;
                  END;
                END
                $$;

                REVOKE ALL ON DATABASE %1$s FROM PUBLIC;
                GRANT CONNECT ON DATABASE %1$s TO %2$s;
                REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                GRANT USAGE, CREATE ON SCHEMA public TO %2$s;
                """.formatted(database, role, VERIFIER_SETTING);
    }
}
