package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.db.Migrations;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The manifests give every service of a system one database: each service's migrations must still apply and check on their own. */
class SharedDatabaseMigrationsTest {

    @Test
    void twoServicesMigrateIntoOneDatabaseEachWithItsOwnHistory() {
        EmbeddedStores stores = EmbeddedStores.shared();
        stores.recreateDatabase("shared_by_two_services");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + stores.postgresPort() + "/shared_by_two_services");
        dataSource.setUser(EmbeddedStores.DB_USER);
        dataSource.setPassword(EmbeddedStores.DB_PASSWORD);

        assertThat(new Migrations(dataSource, "sample").migrate()).isEqualTo(1);
        assertThat(new Migrations(dataSource, "sample-neighbour").migrate()).isEqualTo(1);

        new Migrations(dataSource, "sample").requireUpToDate();
        new Migrations(dataSource, "sample-neighbour").requireUpToDate();
        assertThat(tables(dataSource)).contains("note", "bookmark", Migrations.historyTable("sample"),
                Migrations.historyTable("sample-neighbour"));
    }

    private static java.util.List<String> tables(DataSource dataSource) {
        return org.jdbi.v3.core.Jdbi.create(dataSource).withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").mapTo(String.class).list());
    }
}
