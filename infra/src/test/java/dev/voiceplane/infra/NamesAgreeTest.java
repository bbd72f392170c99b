package dev.voiceplane.infra;

import static dev.voiceplane.infra.InfraRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.charts.BackupDestination;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Synthesizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Infra names cloud resources the manifests point at without reading them back: the vault secret the
 * ExternalSecrets read, the backup prefixes the jobs upload under, the ServiceAccounts its roles trust.
 * Both sides take those names from {@link Names}; these tests put what infra creates beside what
 * charts-gen synthesizes for the same stack, so a name derived differently on either side fails here.
 */
class NamesAgreeTest {
    private static final String AWS_STACK = "bharatvoice-production";
    private static final String AZURE_STACK = "ai-ninja-production";
    private static final List<BackupSchedule.Job> JOBS = List.of(BackupSchedule.POSTGRES, BackupSchedule.REDIS, BackupSchedule.DATA);

    private static StackConfig stack(String name) {
        return new StackFiles(InfraRun.STACKS).load(name);
    }

    private static List<ObjectNode> synthesized(String stack, String kind) {
        return Synthesizer.synth(stack(stack)).stream().flatMap(m -> m.objects().stream())
                .filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("name").asText());
    }

    @Test
    void theSecretInfraCreatesIsTheOneTheExternalSecretsRead() {
        StackConfig config = stack(AWS_STACK);
        String created = (String) InfraRun.of(AWS_STACK).one("aws:secretsmanager/secret:Secret").inputs().get("name");
        assertThat(created).isEqualTo(Names.of(config.system()).vaultSecret(config.environment().id()));
        Set<String> read = new TreeSet<>();
        synthesized(AWS_STACK, "ExternalSecret").forEach(e -> e.at("/spec/data").forEach(d -> read.add(d.at("/remoteRef/key").asText())));
        assertThat(read).containsExactly(created);
    }

    @Test
    void s3ExpiresCopiesUnderThePrefixesTheJobsUploadTo() {
        StackConfig config = stack(AWS_STACK);
        Names names = Names.of(config.system());
        String bucket = config.cloudIdentities().backupBucket();
        Set<String> uploaded = new TreeSet<>();
        for (ObjectNode job : synthesized(AWS_STACK, "CronJob")) {
            JsonNode container = job.at("/spec/jobTemplate/spec/template/spec/containers/0");
            if (job.at("/metadata/name").asText().endsWith("-backup")) {
                String destination = env(container, "DESTINATION");
                assertThat(destination).startsWith("s3://" + bucket + "/");
                uploaded.add(destination.substring(("s3://" + bucket + "/").length()) + "/");
            }
        }
        assertThat(uploaded).isNotEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) InfraRun.of(AWS_STACK)
                .named("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", AWS_STACK + "-backups").inputs().get("rules");
        Set<String> expired = new TreeSet<>();
        rules.forEach(r -> expired.add((String) at(r, "filter.prefix")));
        assertThat(expired).containsAll(uploaded)
                .containsExactlyInAnyOrderElementsOf(JOBS.stream().map(j -> names.backupPrefix(j.kind()) + "/").toList());
    }

    @Test
    void theBackupWriterMayWriteWhereTheJobsUpload() throws Exception {
        String bucket = stack(AWS_STACK).cloudIdentities().backupBucket();
        var policy = InfraRun.of(AWS_STACK).ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(c -> c.name().equals(AWS_STACK + "-backups-policy")).findFirst().orElseThrow();
        String resource = new ObjectMapper().readTree((String) policy.inputs().get("policy")).at("/Statement/0/Resource/0").asText();
        assertThat(resource).startsWith("arn:aws:s3:::" + bucket + "/");
        String writable = resource.substring(("arn:aws:s3:::" + bucket + "/").length());
        java.util.regex.Pattern allowed = glob(writable);
        List<String> uploads = synthesized(AWS_STACK, "CronJob").stream()
                .filter(j -> j.at("/metadata/name").asText().endsWith("-backup"))
                .map(j -> env(j.at("/spec/jobTemplate/spec/template/spec/containers/0"), "DESTINATION").substring(("s3://" + bucket + "/").length())
                        + "/copy.gpg").toList();
        assertThat(uploads).isNotEmpty().allSatisfy(key -> assertThat(allowed.matcher(key).matches()).as(key + " under " + writable).isTrue());
    }

    @Test
    void theRolesInfraCreatesTrustTheAccountsTheManifestsRunAs() throws Exception {
        StackConfig config = stack(AWS_STACK);
        Set<String> subjects = new TreeSet<>();
        for (var role : InfraRun.of(AWS_STACK).ofType("aws:iam/role:Role")) {
            new ObjectMapper().readTree((String) role.inputs().get("assumeRolePolicy")).findValues("StringEquals")
                    .forEach(c -> c.fields().forEachRemaining(f -> {
                        if (f.getKey().endsWith(":sub")) {
                            subjects.add(f.getValue().asText());
                        }
                    }));
        }
        Set<String> accounts = new TreeSet<>();
        synthesized(AWS_STACK, "ServiceAccount").forEach(a -> accounts.add(
                "system:serviceaccount:" + a.at("/metadata/namespace").asText() + ":" + a.at("/metadata/name").asText()));
        Names names = Names.of(config.system());
        assertThat(subjects).contains(names.backupSubject(), names.vaultReaderSubject());
        assertThat(accounts).contains(names.backupSubject(), names.vaultReaderSubject());
    }

    @Test
    void theWorkersRoleAdmitsTheJobsAndMediaKeysTheWorkerNames() throws Exception {
        Names names = Names.of(stack(AWS_STACK).system());
        var policy = InfraRun.of(AWS_STACK).ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(c -> c.name().equals(AWS_STACK + "-speech-policy")).findFirst().orElseThrow();
        JsonNode statements = new ObjectMapper().readTree((String) policy.inputs().get("policy")).at("/Statement");
        String jobs = statements.at("/0/Resource/0").asText();
        String media = statements.at("/2/Resource/0").asText();
        // The worker's names (VoiceProvidersTest: a recording's job, its media key) fall under the globs.
        assertThat(glob(jobs.substring(jobs.indexOf("transcription-job/") + "transcription-job/".length()))
                .matcher(names.transcriptionJobPrefix() + "upload-1-0a1b2c3d").matches()).as(jobs).isTrue();
        assertThat(glob(media.substring(media.indexOf(":::") + 3)).matcher(stack(AWS_STACK).appSettings().get(dev.voiceplane.catalog.Env.SPEECH_MEDIA_BUCKET) + "/" + Names.VOICE_MEDIA_PREFIX
                + "media/upload-1.wav").matches()).as(media).isTrue();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) InfraRun.of(AWS_STACK)
                .named("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", AWS_STACK + "-voice-media").inputs().get("rules");
        assertThat(rules).extracting(r -> at(r, "filter.prefix")).containsExactly(Names.VOICE_MEDIA_PREFIX);
    }

    /** IAM's resource wildcard: '*' matches any run of characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). */
    private static java.util.regex.Pattern glob(String pattern) {
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }

    @Test
    void blobStorageExpiresCopiesUnderThePrefixesTheJobsWouldUploadTo() {
        StackConfig config = stack(AZURE_STACK);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) at(
                InfraRun.of(AZURE_STACK).one("azure-native:storage:ManagementPolicy").inputs(), "policy.rules");
        Set<String> expired = new TreeSet<>();
        rules.forEach(r -> expired.add((String) at(r, "definition.filters.prefixMatch.0")));
        String container = (String) InfraRun.of(AZURE_STACK).one("azure-native:storage:BlobContainer").inputs().get("containerName");
        String account = (String) InfraRun.of(AZURE_STACK).named("azure-native:storage:StorageAccount", AZURE_STACK + "-backups").inputs().get("accountName");
        BackupDestination destination = BackupDestination.blob(account, container, "client");
        String root = "https://" + account + ".blob.core.windows.net/";
        // The container-relative path of each kind's copies, as the backup jobs would be told it.
        assertThat(expired).containsExactlyInAnyOrderElementsOf(JOBS.stream()
                .map(j -> destination.uri(config.system().id(), j.kind()).substring(root.length()) + "/").toList());
    }
}
