package dev.voiceplane.infra;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
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
    public static final String POSTGRES_ADMIN_PASSWORD = "postgresAdminPassword";

    private VoiceplaneInfra() {
    }

    public static void main(String[] args) {
        JsiiEnvironment.ensure(VoiceplaneInfra.class, args);
        Pulumi.run(program(Path.of("stacks"), Path.of("infra", "target", "charts"), VoiceplaneInfra::secretConfig));
    }

    /** Where secrets come from: Pulumi secret config, set with {@code pulumi config set --secret voiceplane-secrets:<key>}. */
    public interface Secrets {
        /** The secret's value; fails, naming {@code voiceplane-secrets:<key>}, when it is not set. */
        Output<String> require(Context ctx, String key);
    }

    static Output<String> secretConfig(Context ctx, String key) {
        return ctx.config(SECRETS_NAMESPACE).requireSecret(key);
    }

    /**
     * @param stacks     the stacks/ directory
     * @param chartsRoot where each stack's Helm chart is written before it is released
     * @param secrets    where secret config is read from
     */
    public static Consumer<Context> program(Path stacks, Path chartsRoot, Secrets secrets) {
        return ctx -> {
            StackFiles files = new StackFiles(stacks);
            StackConfig stack = files.load(ctx.stackName());
            StackKeys keys = new StackKeys(files.fileOf(stack.name()).toString(), stack);
            List<Manifest> manifests = Synthesizer.synth(stack);
            ComponentResourceOptions none = ComponentResourceOptions.builder().build();

            Optional<Platform> platform = switch (stack.cloud()) {
                case NONE -> Optional.empty();
                case AZURE -> Optional.of(new AzurePlatform(stack.name(), keys, manifests, () -> secrets.require(ctx, POSTGRES_ADMIN_PASSWORD), none));
                case AWS -> Optional.of(new AwsPlatform(stack.name(), keys, manifests, none));
            };
            Optional<String> context = platform.isEmpty() ? ctx.config("kubernetes").get("context") : Optional.empty();
            var release = new ChartRelease(stack.name() + "-charts", stack, manifests, chartsRoot.resolve(stack.name()),
                    platform.flatMap(Platform::kubeconfig), context,
                    platform.map(p -> ComponentResourceOptions.builder().dependsOn((com.pulumi.resources.Resource) p).build()).orElse(none));

            ctx.export("system", Output.of(stack.system().id()));
            ctx.export("namespace", Output.of(stack.namespace()));
            ctx.export("components", Output.of(manifests.stream().map(m -> m.component().id()).toList()));
            ctx.export("releaseStatus", release.status());
            platform.map(Platform::outputs).orElse(Map.of()).forEach(ctx::export);
        };
    }
}
