package dev.voiceplane.charts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackupDestinationTest {

    @Test
    void aClaimDestinationAsksForItsBulkStorageVolumeAndACloudOneForNone() {
        assertThat(BackupDestination.claim("shop-backups").volume()).contains(new StorageTiers.Claim("shop-backups", StorageTier.BULK, "20Gi"));
        assertThat(BackupDestination.s3("bucket", "arn:aws:iam::111122223333:role/r").volume()).isEmpty();
        assertThat(BackupDestination.blob("account", "container", "client").volume()).isEmpty();
    }

    @Test
    void copiesGoUnderTheSystemAndKindInfraExpiresThemUnder() {
        // infra's lifecycle rules and IAM policy name the same prefix (Names.backupPrefix).
        assertThat(BackupDestination.s3("bucket", "role").uri("shop", "postgres")).isEqualTo("s3://bucket/shop/postgres");
        assertThat(BackupDestination.blob("acct", "backups", "id").uri("shop", "redis"))
                .isEqualTo("https://acct.blob.core.windows.net/backups/shop/redis");
        assertThat(BackupDestination.claim("shop-backups").uri("shop", "data")).isEqualTo("/backups/data");
    }
}
