package dev.voiceplane.infra;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.voiceplane.infra.kube.ApiGroups;
import dev.voiceplane.infra.kube.ClusterAddons;
import dev.voiceplane.infra.kube.LocalSecrets;
import dev.voiceplane.infra.kube.Synthesized;
import dev.voiceplane.infra.aws.AwsPlatform;
import dev.voiceplane.infra.azure.AzurePlatform;
import dev.voiceplane.infra.kube.ChartRelease;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.Synthesizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Pulumi program: {@code pulumi up --stack <name>} from the repository root runs this. It reads
 * the same stack file with the same parser as the CLI, so both agree on every value and error; then
 * provisions the stack's cloud ({@link AzurePlatform}, {@link AwsPlatform}, nothing for a local stack)
 * and deploys the synthesized charts to the cluster ({@link ChartRelease}). Stack outputs are the
 * values the stack file carries (infra/README.md lists which key each one goes into).
 */
public final class VoiceplaneInfra {
    /** Pulumi secret config namespace for the few secrets infra must hand to a cloud API itself. */
    public static final String SECRETS_NAMESPACE = "voiceplane-secrets";
    /** Pulumi config namespace of per-operator settings that are not secret (account, admin networks). */
    public static final String SETTINGS_NAMESPACE = "voiceplane-infra";
    public static final String POSTGRES_ADMIN_PASSWORD = "postgresAdminPassword";
    /**
     * The AWS account a BharatVoice stack deploys into, set per operator with {@code pulumi config set
     * voiceplane-infra:awsAccountId <id>} (which writes it into the stack file): the provider refuses any other.
     */
    public static final String AWS_ACCOUNT_ID = "awsAccountId";
    /** Comma-separated CIDRs allowed to reach the cluster API (EKS public endpoint, AKS authorized IP ranges). */
    public static final String ADMIN_CIDRS = "adminCidrs";
    /** Comma-separated IAM principal ARNs (AWS) given cluster-admin access entries, e.g. CI's deploy role. */
    public static final String CLUSTER_ADMINS = "clusterAdmins";

    private VoiceplaneInfra() {
    }

    public static void main(String[] args) {
        JsiiEnvironment.ensure(VoiceplaneInfra.class, args);
        Pulumi.run(program(Path.of("stacks"), Path.of("infra", "target", "charts"), PULUMI_CONFIG));
    }

    /** Where secrets and per-operator settings come from: Pulumi config, or stand-ins for the mock cloud. */
    public interface Settings {
        /** A secret ({@code pulumi config set --secret voiceplane-secrets:<key>}); fails, naming the key, when unset. */
        Output<String> secret(Context ctx, String key);

        /** A plain setting ({@code pulumi config set voiceplane-infra:<key> <value>}); empty when unset. */
        Optional<String> setting(Context ctx, String key);

        /** A required plain setting; the error names the key and the command that sets it. */
        default String requireSetting(Context ctx, String key, String what) {
            return setting(ctx, key).filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                    "stack " + ctx.stackName() + ": " + SETTINGS_NAMESPACE + ":" + key + " is not set: " + what
                            + "; set it with: pulumi config set " + SETTINGS_NAMESPACE + ":" + key + " <value> --stack " + ctx.stackName()));
        }

        /** A comma-separated plain setting as a list; empty when unset. */
        default List<String> listSetting(Context ctx, String key) {
            return setting(ctx, key).map(v -> java.util.Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList())
                    .orElse(List.of());
        }
    }

    /** Pulumi's own stack config: what {@code pulumi up} runs with. */
    public static final Settings PULUMI_CONFIG = new Settings() {
        @Override
        public Output<String> secret(Context ctx, String key) {
            return ctx.config(SECRETS_NAMESPACE).requireSecret(key);
        }

        @Override
        public Optional<String> setting(Context ctx, String key) {
            return ctx.config(SETTINGS_NAMESPACE).get(key);
        }
    };

    /**
     * @param stacks     the stacks/ directory
     * @param chartsRoot where each stack's Helm charts are written before they are released
     * @param settings   where secrets and per-operator settings are read from
     */
    public static Consumer<Context> program(Path stacks, Path chartsRoot, Settings settings) {
        return ctx -> {
            StackFiles files = new StackFiles(stacks);
            StackConfig stack = files.load(ctx.stackName());
            StackKeys keys = new StackKeys(files.fileOf(stack.name()).toString(), stack);
            // The objects' shape (kinds, names, accounts, images) is known now; values only the cloud
            // produces in this run are filled in by synthesizing again once they exist (Platform#deployed).
            List<Manifest> manifests = Synthesizer.synth(stack);
            ComponentResourceOptions none = ComponentResourceOptions.builder().build();

            Optional<Platform> platform = switch (stack.cloud()) {
                case NONE -> Optional.empty();
                case AZURE -> Optional.of(new AzurePlatform(stack.name(), keys, manifests,
                        () -> settings.secret(ctx, POSTGRES_ADMIN_PASSWORD), access(ctx, settings), none));
                case AWS -> Optional.of(new AwsPlatform(stack.name(), keys, manifests,
                        settings.requireSetting(ctx, AWS_ACCOUNT_ID, "the AWS account this stack deploys into"), access(ctx, settings), none));
            };
            Output<Synthesized> deployed = platform.map(p -> p.deployed(stack).applyValue(s -> new Synthesized(s, Synthesizer.synth(s))))
                    .orElse(Output.of(new Synthesized(stack, manifests)));

            // The cluster the charts go to: the one just created, or the current context for a local stack.
            var args = ProviderArgs.builder();
            platform.flatMap(Platform::kubeconfig).ifPresentOrElse(args::kubeconfig,
                    () -> ctx.config("kubernetes").get("context").ifPresent(args::context));
            var kube = new Provider(stack.name() + "-k8s", args.build(), CustomResourceOptions.builder().build());

            var addons = new ClusterAddons(stack.name() + "-addons", stack,
                    platform.map(Platform::addons).orElse(ClusterAddons.Settings.plain(List.of())),
                    ApiGroups.custom(ofComponent(manifests, true)),
                    deployed.applyValue(d -> d.only(true).manifests().stream().flatMap(x -> x.objects().stream()).toList()),
                    chartsRoot.resolve(stack.name() + "-cluster"), kube, none);
            List<Manifest> app = ofComponent(manifests, false);
            // The app release waits for the add-ons its objects need and for the cloud's steps inside the cluster.
            List<com.pulumi.resources.Resource> before = new java.util.ArrayList<>(addons.releasesFor(app, stack));
            platform.ifPresent(p -> before.addAll(p.prepare(kube)));
            var release = new ChartRelease(stack.name() + "-charts", stack, deployed.applyValue(d -> d.only(false)),
                    ChartRelease.holdsData(app), chartsRoot.resolve(stack.name()), kube, before, none);
            // The public hosts at the ingress controller's load balancer, once it has one.
            List<String> hosts = publicHosts(app);
            if (!hosts.isEmpty()) {
                platform.ifPresent(p -> p.publish(stack.domain(), hosts, addons.ingressAddress(stack.name(), kube)));
            }
            if (platform.isEmpty()) {
                new LocalSecrets(stack.name() + "-local-secrets", stack.namespace(), manifests, kube, release, none);
            }

            ctx.export("system", Output.of(stack.system().id()));
            ctx.export("namespace", Output.of(stack.namespace()));
            ctx.export("components", Output.of(manifests.stream().map(m -> m.component().id()).toList()));
            ctx.export("chartVersion", release.chartVersion());
            ctx.export("releaseStatus", release.status());
            platform.map(Platform::outputs).orElse(Map.of()).forEach(ctx::export);
        };
    }

    /** Who may reach the new cluster's API: from where, and which principals besides the one running Pulumi. */
    static Access access(Context ctx, Settings settings) {
        List<String> cidrs = settings.listSetting(ctx, ADMIN_CIDRS);
        if (cidrs.isEmpty()) {
            settings.requireSetting(ctx, ADMIN_CIDRS, "the networks (CIDRs) that may reach the cluster API, e.g. your office's egress /32");
        }
        return new Access(cidrs, settings.listSetting(ctx, CLUSTER_ADMINS));
    }

    /** The host names the manifests' Ingresses serve, sorted. */
    static List<String> publicHosts(List<Manifest> manifests) {
        java.util.TreeSet<String> hosts = new java.util.TreeSet<>();
        manifests.stream().flatMap(m -> m.objects().stream()).filter(o -> o.path("kind").asText().equals("Ingress"))
                .forEach(o -> o.at("/spec/rules").forEach(r -> hosts.add(r.path("host").asText())));
        hosts.remove("");
        return List.copyOf(hosts);
    }

    /** The manifests of the cluster-wide component ({@code cluster} true) or of every other one. */
    static List<Manifest> ofComponent(List<Manifest> manifests, boolean cluster) {
        return manifests.stream().filter(m -> m.component().inAppChart() != cluster).toList();
    }
}
