package dev.voiceplane.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The role script run as the bootstrap Job runs it (as an administrator, connected to the application
 * database, the verifier in PGOPTIONS) against a real PostgreSQL 14 whose other roles log in with
 * SCRAM passwords, so the verifier computed in Java is what the server checks logins against.
 */
class AppRoleScriptTest {
    static final String DATABASE = "ai_ninja";
    static final String ROLE = "ai_ninja_app";
    static EmbeddedPostgres postgres;
    static Path hba;

    @BeforeAll
    static void start() throws IOException, SQLException {
        hba = Files.createTempFile("voiceplane-infra-hba", ".conf");
        // The administrator ("postgres") is trusted on loopback; every other role must present its password (SCRAM).
        Files.writeString(hba, """
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """);
        postgres = EmbeddedPostgres.builder().setServerConfig("hba_file", hba.toString())
                .setServerConfig("fsync", "off").setServerConfig("password_encryption", "scram-sha-256").start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
            s.execute("CREATE ROLE bystander LOGIN PASSWORD 'bystander-password'");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
        Files.deleteIfExists(hba);
    }

    /** Runs the script as the Job does: the administrator, the application database, the verifier as a session setting. */
    static void runScript(String verifierSetting) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        if (verifierSetting != null) {
            props.setProperty("options", "-c " + AppRoleScript.VERIFIER_SETTING + "=" + verifierSetting);
        }
        try (Connection admin = DriverManager.getConnection(url(DATABASE), props); Statement s = admin.createStatement()) {
            s.execute(AppRoleScript.sql(DATABASE, ROLE));
        }
    }

    static String url(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    static Connection login(String role, String password, String database) throws SQLException {
        return DriverManager.getConnection(url(database), role, password);
    }

    @Test
    void theRoleLogsInWithThePasswordWhoseVerifierTheScriptSet() throws SQLException {
        runScript(ScramVerifier.of(ROLE, "first-password-0123456789"));
        try (Connection app = login(ROLE, "first-password-0123456789", DATABASE); Statement s = app.createStatement()) {
            // What a migration and a service do: create a table in public, write and read it.
            s.execute("CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, body text)");
            s.execute("INSERT INTO notes VALUES (1, 'x') ON CONFLICT DO NOTHING");
            s.execute("SELECT body FROM notes");
        }
        assertThatThrownBy(() -> login(ROLE, "wrong-password", DATABASE).close())
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void runningAgainChangesNothingButThePassword() throws SQLException {
        runScript(ScramVerifier.of(ROLE, "first-password-0123456789"));
        runScript(ScramVerifier.of(ROLE, "first-password-0123456789"));
        login(ROLE, "first-password-0123456789", DATABASE).close();

        runScript(ScramVerifier.of(ROLE, "rotated-password-9876543210"));
        login(ROLE, "rotated-password-9876543210", DATABASE).close();
        assertThatThrownBy(() -> login(ROLE, "first-password-0123456789", DATABASE).close())
                .hasMessageContaining("password authentication failed");
        runScript(ScramVerifier.of(ROLE, "first-password-0123456789"));
    }

    @Test
    void theRoleHasNoPrivilegeBeyondItsDatabase() throws SQLException {
        runScript(ScramVerifier.of(ROLE, "first-password-0123456789"));
        try (Connection app = login(ROLE, "first-password-0123456789", DATABASE); Statement s = app.createStatement()) {
            assertThatThrownBy(() -> s.execute("CREATE DATABASE other")).hasMessageContaining("permission denied to create database");
            assertThatThrownBy(() -> s.execute("CREATE ROLE other")).hasMessageContaining("permission denied to create role");
            assertThatThrownBy(() -> s.execute("CREATE SCHEMA other")).hasMessageContaining("permission denied for database");
            assertThatThrownBy(() -> s.execute("CREATE EXTENSION pgcrypto")).isInstanceOf(SQLException.class);
        }
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            var attributes = s.executeQuery("SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin "
                    + "FROM pg_roles WHERE rolname = '" + ROLE + "'");
            assertThat(attributes.next()).isTrue();
            for (int i = 1; i <= 5; i++) {
                assertThat(attributes.getBoolean(i)).as("attribute " + i).isFalse();
            }
            assertThat(attributes.getBoolean(6)).isTrue();
            var memberships = s.executeQuery("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = '" + ROLE + "'");
            memberships.next();
            assertThat(memberships.getInt(1)).isZero();
        }
    }

    @Test
    void otherRolesCannotConnectToTheDatabaseNorCreateInItsSchema() throws SQLException {
        runScript(ScramVerifier.of(ROLE, "first-password-0123456789"));
        assertThatThrownBy(() -> login("bystander", "bystander-password", DATABASE).close())
                .hasMessageContaining("permission denied for database");
        try (Connection admin = DriverManager.getConnection(url(DATABASE), "postgres", "");
                Statement s = admin.createStatement()) {
            var create = s.executeQuery("SELECT has_schema_privilege('bystander', 'public', 'CREATE'), has_schema_privilege('" + ROLE
                    + "', 'public', 'CREATE')");
            create.next();
            assertThat(create.getBoolean(1)).isFalse();
            assertThat(create.getBoolean(2)).isTrue();
        }
    }

    @Test
    void aCleartextPasswordIsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> runScript("cleartext-secret-value"))
                .hasMessageContaining("must arrive as a SCRAM-SHA-256 verifier")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("cleartext-secret-value"));
        assertThatThrownBy(() -> runScript(null)).hasMessageContaining("must arrive as a SCRAM-SHA-256 verifier");
    }

    @Test
    void aFailedPasswordChangeDoesNotQuoteTheVerifier() throws SQLException {
        runScript(ScramVerifier.of(ROLE, "first-password-0123456789"));
        // Someone who may connect but not alter roles runs the script: ALTER ROLE fails inside the guard.
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("DROP ROLE IF EXISTS powerless");
            s.execute("CREATE ROLE powerless LOGIN PASSWORD 'powerless-password'");
            s.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO powerless");
        }
        String verifier = ScramVerifier.of(ROLE, "another-password-0123456789");
        Properties props = new Properties();
        props.setProperty("user", "powerless");
        props.setProperty("password", "powerless-password");
        props.setProperty("options", "-c " + AppRoleScript.VERIFIER_SETTING + "=" + verifier);
        assertThatThrownBy(() -> {
            try (Connection c = DriverManager.getConnection(url(DATABASE), props); Statement s = c.createStatement()) {
                s.execute(AppRoleScript.sql(DATABASE, ROLE));
            }
        }).hasMessageContaining("setting the password of role " + ROLE + " failed: permission denied")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(verifier.substring(verifier.indexOf(':') + 1, verifier.indexOf(':') + 20)));
        login(ROLE, "first-password-0123456789", DATABASE).close();
    }

    @Test
    void namesThatAreNotPlainIdentifiersAreRefused() {
        assertThatThrownBy(() -> AppRoleScript.sql("ai-ninja", ROLE)).hasMessageContaining("'ai-ninja' is not a plain PostgreSQL identifier");
        assertThatThrownBy(() -> AppRoleScript.sql(DATABASE, "x; DROP TABLE y")).hasMessageContaining("not a plain PostgreSQL identifier");
    }
}
