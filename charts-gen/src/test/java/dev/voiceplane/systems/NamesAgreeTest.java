package dev.voiceplane.systems;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.Routes;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.testing.Testing;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The names infra, the CLI and the services take from {@link Names} and {@link Routes} are the names
 * the synthesized objects carry, in every stack: infra federates cloud identities to
 * {@link Names#vaultReaderSubject()} and {@link Names#backupSubject()} without reading the manifests
 * first, the CLI finds the restore key by name, the services register their routes on {@link Routes}.
 */
class NamesAgreeTest {
    private static final Pattern IN_CLUSTER_HOST = Pattern.compile("([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\." + Pattern.quote(Names.CLUSTER_DOMAIN));

    private static Set<String> names(String stack, String kind) {
        Set<String> out = new TreeSet<>();
        Testing.ofKind(stack, kind).forEach(o -> out.add(o.at("/metadata/name").asText()));
        return out;
    }

    /** The token subject of a ServiceAccount object, as the API server writes it into its tokens. */
    private static String subject(JsonNode account) {
        return "system:serviceaccount:" + account.at("/metadata/namespace").asText() + ":" + account.at("/metadata/name").asText();
    }

    @Test
    void theVaultReaderInfraFederatesIsTheAccountTheSecretStoreReadsAs() {
        for (String name : Testing.stacks().names()) {
            StackConfig stack = Testing.stack(name);
            if (stack.cloud() == Cloud.NONE) {
                continue;
            }
            Names names = Names.of(stack.system());
            JsonNode store = Testing.ofKind(name, "SecretStore").get(0);
            assertThat(store.at("/spec/provider").findValue("serviceAccountRef").path("name").asText()).as(name).isEqualTo(names.vaultReader());
            assertThat(subject(Testing.object(name, "ServiceAccount", names.vaultReader()))).as(name).isEqualTo(names.vaultReaderSubject());
        }
    }

    @Test
    void theBackupAccountInfraFederatesIsTheAccountTheBackupJobsRunAs() {
        for (String name : Testing.stacks().names()) {
            List<ObjectNode> jobs = Testing.ofKind(name, "CronJob").stream()
                    .filter(j -> j.at("/spec/jobTemplate/spec/template/spec/serviceAccountName").asText().contains("backup")).toList();
            if (jobs.isEmpty()) {
                continue;
            }
            Names names = Names.of(Testing.stack(name).system());
            assertThat(jobs).as(name).allSatisfy(j ->
                    assertThat(j.at("/spec/jobTemplate/spec/template/spec/serviceAccountName").asText()).isEqualTo(names.backupAccount()));
            assertThat(subject(Testing.object(name, "ServiceAccount", names.backupAccount()))).as(name).isEqualTo(names.backupSubject());
        }
    }

    @Test
    void theServicesReadTheConfigMapAndSecretOfTheirNames() {
        for (String name : Testing.stacks().names()) {
            Names names = Names.of(Testing.stack(name).system());
            assertThat(names(name, "ConfigMap")).as(name).contains(names.configMap());
            Set<String> targets = new TreeSet<>();
            Testing.ofKind(name, "ExternalSecret").forEach(e -> targets.add(e.at("/spec/target/name").asText()));
            assertThat(targets).as(name).contains(names.appSecrets());
            Set<String> referenced = new TreeSet<>();
            Testing.ofKind(name, "Deployment").forEach(d -> d.findValues("secretKeyRef").forEach(r -> referenced.add(r.path("name").asText())));
            assertThat(referenced).as(name).contains(names.appSecrets());
        }
    }

    @Test
    void everyInClusterHostWrittenIntoAnObjectNamesAServiceThatExists() {
        for (String name : Testing.stacks().names()) {
            Set<String> services = new TreeSet<>();
            Testing.ofKind(name, "Service").forEach(s -> services.add(s.at("/metadata/name").asText() + "." + s.at("/metadata/namespace").asText()));
            for (ObjectNode o : Testing.objects(name)) {
                Matcher m = IN_CLUSTER_HOST.matcher(o.toString());
                while (m.find()) {
                    assertThat(services).as("%s: %s in %s", name, m.group(), o.at("/metadata/name").asText()).contains(m.group(1) + "." + m.group(2));
                }
            }
        }
    }

    @Test
    void theIngressServesTheHostsAndTheAuthRouteOfTheCatalog() {
        for (String name : Testing.stacks().names()) {
            StackConfig stack = Testing.stack(name);
            Set<String> hosts = new TreeSet<>();
            Set<String> paths = new TreeSet<>();
            Testing.ofKind(name, "Ingress").forEach(i -> i.at("/spec/rules").forEach(r -> {
                hosts.add(r.path("host").asText());
                r.at("/http/paths").forEach(p -> paths.add(p.path("path").asText()));
            }));
            assertThat(hosts).as(name).isSubsetOf(Names.apiHost(stack.domain()), Names.wsHost(stack.domain()))
                    .contains(Names.apiHost(stack.domain()));
            assertThat(paths).as(name).anySatisfy(p -> assertThat(p).contains(Routes.API))
                    .anySatisfy(p -> assertThat(p).contains(Routes.AUTH));
        }
    }

    private static Set<String> claimsMounted(ObjectNode workload, String podSpec) {
        Set<String> claims = new TreeSet<>();
        workload.at(podSpec + "/volumes").forEach(v -> {
            if (v.has("persistentVolumeClaim")) {
                claims.add(v.at("/persistentVolumeClaim/claimName").asText());
            }
        });
        return claims;
    }

    @Test
    void theSharedClaimsAreClaimedMountedAndBackedUpUnderTheirNames() {
        int checked = 0;
        for (String name : Testing.stacks().names()) {
            StackConfig stack = Testing.stack(name);
            if (!dev.voiceplane.stack.StackConfigParser.hasSharedData(stack.system())) {
                continue;
            }
            Names names = Names.of(stack.system());
            assertThat(names(name, "PersistentVolumeClaim")).as(name).contains(names.dataClaim(), names.logsClaim(), names.modelCacheClaim());
            for (ObjectNode d : Testing.ofKind(name, "Deployment")) {
                if (d.toString().contains("\"" + dev.voiceplane.catalog.Env.DATA_DIR + "\"")) {
                    assertThat(claimsMounted(d, "/spec/template/spec")).as(name + " " + d.at("/metadata/name").asText())
                            .contains(names.dataClaim(), names.logsClaim(), names.modelCacheClaim());
                }
            }
            Testing.ofKind(name, "CronJob").stream().filter(j -> j.at("/metadata/name").asText().equals(dev.voiceplane.charts.BackupSchedule.DATA.name()))
                    .forEach(j -> assertThat(claimsMounted(j, "/spec/jobTemplate/spec/template/spec")).as(name).contains(names.dataClaim()));
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void aLaptopsBackupsGoToTheClaimOfItsName() {
        Names names = Names.of(Testing.stack("local").system());
        assertThat(names("local", "PersistentVolumeClaim")).contains(names.localBackupsClaim());
        assertThat(Testing.ofKind("local", "CronJob")).filteredOn(j -> j.at("/metadata/name").asText().endsWith("-backup")).isNotEmpty()
                .allSatisfy(j -> assertThat(claimsMounted(j, "/spec/jobTemplate/spec/template/spec")).contains(names.localBackupsClaim()));
    }

    @Test
    void cloudBackupsGoUnderThePrefixInfraExpiresAndTheVaultSecretIsTheOneInfraCreates() {
        int uploads = 0;
        for (String name : Testing.stacks().names()) {
            StackConfig stack = Testing.stack(name);
            Names names = Names.of(stack.system());
            if (stack.cloud() == Cloud.AWS) {
                Set<String> keys = new TreeSet<>();
                Testing.ofKind(name, "ExternalSecret").forEach(e -> e.at("/spec/data").forEach(d -> keys.add(d.at("/remoteRef/key").asText())));
                assertThat(keys).as(name).containsExactly(names.vaultSecret(stack.environment().id()));
            }
            if (stack.cloud() == Cloud.NONE) {
                continue;
            }
            for (ObjectNode job : Testing.ofKind(name, "CronJob")) {
                for (dev.voiceplane.charts.BackupSchedule.Job kind : List.of(dev.voiceplane.charts.BackupSchedule.POSTGRES,
                        dev.voiceplane.charts.BackupSchedule.REDIS, dev.voiceplane.charts.BackupSchedule.DATA)) {
                    if (job.at("/metadata/name").asText().equals(kind.name())) {
                        assertThat(destination(job)).as(name + " " + kind.name()).endsWith("/" + names.backupPrefix(kind.kind()));
                        uploads++;
                    }
                }
            }
        }
        assertThat(uploads).isPositive();
    }

    private static String destination(ObjectNode cronJob) {
        for (JsonNode e : cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals("DESTINATION")) {
                return e.path("value").asText();
            }
        }
        return "";
    }
}
