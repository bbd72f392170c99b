package dev.voiceplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void aSystemIdThatCannotPrefixAnObjectNameIsRefused() {
        assertThatThrownBy(() -> new Names("AI_Ninja")).hasMessageContaining("'AI_Ninja' is not a DNS label");
        assertThatThrownBy(() -> new Names("a".repeat(43))).hasMessageContaining("at most 42 characters");
    }

    @Test
    void theLongestNameOfTheLongestSystemIdIsStillAnObjectName() {
        Names names = new Names("a".repeat(42));
        assertThat(List.of(names.restoreKey(), names.modelCacheClaim(), names.localSecrets(), names.backupSecrets(), names.vaultReader()))
                .allSatisfy(name -> assertThat(name.length()).isLessThanOrEqualTo(63));
    }

    @Test
    void aTokenSubjectNamesTheNamespaceAndTheAccount() {
        assertThat(Names.of(SystemName.BHARATVOICE).backupSubject()).isEqualTo("system:serviceaccount:bharatvoice:bharatvoice-backup");
    }

    @Test
    void everyWorkerOfTheCatalogIsOfKindWorkerAndLabelledSo() {
        assertThat(ServiceCatalog.of(SystemName.BHARATVOICE)).filteredOn(s -> s.kind() == ServiceKind.WORKER)
                .extracting(ServiceSpec::name, ServiceSpec::component).containsExactly(org.assertj.core.groups.Tuple.tuple("bharatvoice-worker", "worker"));
    }

    @Test
    void backupsAndVaultSecretsAreKeyedBySystemFirst() {
        Names names = Names.of(SystemName.BHARATVOICE);
        assertThat(names.backupPrefix("postgres")).isEqualTo("bharatvoice/postgres");
        assertThat(names.vaultSecret("production")).isEqualTo("bharatvoice/production");
    }
}
