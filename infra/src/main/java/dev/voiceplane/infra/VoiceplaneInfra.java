package dev.voiceplane.infra;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.Synthesizer;
import java.nio.file.Path;
import java.util.List;

/**
 * The Pulumi program: {@code pulumi up --stack <name>} from the repository root runs this. It reads
 * the same stack file with the same parser as the CLI, so both agree on every value and error.
 *
 * <p>Cloud resources (cluster, managed stores, vault, DNS, backup storage) and deploying the
 * synthesized charts are the infra issue's work; today the program validates the stack and
 * exports what the charts contain, so {@code pulumi preview} already fails on a bad stack file.
 */
public final class VoiceplaneInfra {
    private VoiceplaneInfra() {
    }

    public static void main(String[] args) {
        JsiiEnvironment.ensure(VoiceplaneInfra.class, args);
        Pulumi.run(VoiceplaneInfra::stack);
    }

    static void stack(Context ctx) {
        StackConfig stack = new StackFiles(Path.of("stacks")).load(ctx.stackName());
        List<Manifest> manifests = Synthesizer.synth(stack);
        ctx.export("system", com.pulumi.core.Output.of(stack.system().id()));
        ctx.export("namespace", com.pulumi.core.Output.of(stack.namespace()));
        ctx.export("components", com.pulumi.core.Output.of(manifests.stream().map(m -> m.component().id()).toList()));
    }
}
