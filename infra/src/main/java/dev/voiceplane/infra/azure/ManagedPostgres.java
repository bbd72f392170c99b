package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.dbforpostgresql.Configuration;
import com.pulumi.azurenative.dbforpostgresql.Database;
import com.pulumi.azurenative.dbforpostgresql.DatabaseArgs;
import com.pulumi.azurenative.dbforpostgresql.ConfigurationArgs;
import com.pulumi.azurenative.dbforpostgresql.Server;
import com.pulumi.azurenative.dbforpostgresql.ServerArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.BackupArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.HighAvailabilityArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.NetworkArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.SkuArgs;
import com.pulumi.azurenative.dbforpostgresql.inputs.StorageArgs;
import com.pulumi.azurenative.dbforpostgresql.enums.ServerVersion;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * ai-ninja's database (guide: "PostgreSQL Database with HA configuration", "Database replication with
 * automatic failover"): an Azure Database for PostgreSQL flexible server, zone-redundant HA with a
 * standby in another zone in production, private access only (a delegated subnet, no public
 * endpoint), TLS required, and the guide's 30-day backup retention, geo-redundant in production so a
 * regional outage does not lose the backups with the server.
 */
public final class ManagedPostgres extends ComponentResource {
    /**
     * PostgreSQL major version: the newest in the pinned azure-native SDK's enum (2.10.0 knows 11-14; "15"
     * is refused by the provider's schema). A typed enum, so a version the SDK does not know does not compile.
     * A dump of the in-cluster postgres:15 needs pg_restore of 15 and may use features 14 lacks: restore
     * into this server with 14's tools from a plain-SQL dump (infra/README.md).
     */
    static final ServerVersion VERSION = ServerVersion._14;
    static final int PRODUCTION_BACKUP_DAYS = 30;
    static final int STAGING_BACKUP_DAYS = 7;
    /** The server's administrator login; the bootstrap Job connects as it to create the services' role. */
    public static final String ADMIN_LOGIN = "voiceplane_admin";

    private final Output<String> host;
    private final Output<String> id;
    private final Database database;

    /**
     * @param serverName    the first label of {@code voiceplane:managedStores.postgresHost}
     * @param adminPassword the administrator password from Pulumi secret config; never logged or exported
     * @param databaseName  the system's database ({@code DB_NAME}), created here through Azure's API
     */
    public ManagedPostgres(String name, String serverName, String databaseName, Output<String> resourceGroup, String location,
                           Output<String> subnetId, Output<String> privateDnsZoneId, Resource privateDnsLink,
                           Output<String> adminPassword, boolean production, ComponentResourceOptions options) {
        super("voiceplane:azure:ManagedPostgres", name, options);
        // The server holds every ai-ninja record: protected and retained.
        var server = new Server(name, ServerArgs.builder()
                .resourceGroupName(resourceGroup).location(location).serverName(serverName)
                .version(VERSION)
                .sku(production
                        ? SkuArgs.builder().name("Standard_D4ds_v5").tier("GeneralPurpose").build()
                        : SkuArgs.builder().name("Standard_B2s").tier("Burstable").build())
                .storage(StorageArgs.builder().storageSizeGB(production ? 256 : 64).build())
                .administratorLogin(ADMIN_LOGIN).administratorLoginPassword(adminPassword)
                .availabilityZone("1")
                .highAvailability(production
                        ? HighAvailabilityArgs.builder().mode("ZoneRedundant").standbyAvailabilityZone("2").build()
                        : HighAvailabilityArgs.builder().mode("Disabled").build())
                .backup(BackupArgs.builder()
                        .backupRetentionDays(production ? PRODUCTION_BACKUP_DAYS : STAGING_BACKUP_DAYS)
                        .geoRedundantBackup(production ? "Enabled" : "Disabled").build())
                .network(NetworkArgs.builder().delegatedSubnetResourceId(subnetId)
                        .privateDnsZoneArmResourceId(privateDnsZoneId).build())
                .build(), CustomResourceOptions.builder().parent(this).protect(true).retainOnDelete(true)
                .dependsOn(privateDnsLink).build());
        // TLS on every connection (guide: "TLS encryption for all communications"); on by default, pinned here.
        var requireTls = new Configuration(name + "-require-tls", ConfigurationArgs.builder()
                .resourceGroupName(resourceGroup).serverName(server.name())
                .configurationName("require_secure_transport").value("on").source("user-override").build(), child(this));
        // No client may negotiate below TLS 1.2.
        var minTls = new Configuration(name + "-min-tls", ConfigurationArgs.builder()
                .resourceGroupName(resourceGroup).serverName(server.name())
                .configurationName("ssl_min_protocol_version").value("TLSv1.2").source("user-override").build(),
                // One configuration at a time: the server answers a second concurrent write with ServerIsBusy
                // (https://learn.microsoft.com/azure/postgresql/flexible-server/howto-configure-server-parameters-using-cli).
                CustomResourceOptions.builder().parent(this).dependsOn(requireTls).build());
        // The services' database, through Azure Resource Manager (the server has no endpoint outside the VNet);
        // after the configurations, since the server takes one operation at a time. UTF8 with the server's
        // default collation. Holds every record: protected and retained.
        this.database = new Database(name + "-database", DatabaseArgs.builder()
                .resourceGroupName(resourceGroup).serverName(server.name()).databaseName(databaseName)
                .charset("UTF8").collation("en_US.utf8").build(),
                CustomResourceOptions.builder().parent(this).protect(true).retainOnDelete(true).dependsOn(minTls).build());
        this.host = server.fullyQualifiedDomainName();
        this.id = server.id();
        registerOutputs(Map.of("host", host));
    }

    public Output<String> id() {
        return id;
    }

    /** The services' database; the role bootstrap waits for it. */
    public Database database() {
        return database;
    }

    public Output<String> host() {
        return host;
    }
}
