package dev.voiceplane.infra.plan;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import dev.voiceplane.infra.VoiceplaneInfra;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Pulumi program run for one stack against {@link MockCloud}: no credentials, no Pulumi CLI, no
 * network. What it would create, as a graph: each resource's type, name, parent, explicit dependencies,
 * provider, inputs and protect/retain options, plus the stack outputs and any error. The offline
 * counterpart of {@code pulumi preview}, used by {@code voiceplane plan} and infra's tests.
 *
 * <p>Secrets and per-operator settings are stand-ins ({@link #STAND_INS}); a test may pass others.
 */
public final class Plan {
    /** One resource of the graph. {@code dependsOn} and {@code parent} name resources as {@code type::name}. */
    public record Node(String type, String name, String parent, List<String> dependsOn, String provider,
                       Map<String, Object> inputs, boolean protect, boolean retainOnDelete, List<String> ignoreChanges) {
        public String id() {
            return type + "::" + name;
        }
    }

    /** Stand-in settings: the mock's own account and a documentation network (RFC 5737); no extra admins. */
    public static final VoiceplaneInfra.Settings STAND_INS = new VoiceplaneInfra.Settings() {
        @Override
        public Output<String> secret(Context ctx, String key) {
            return Output.ofSecret(SECRET_STAND_IN + key);
        }

        @Override
        public Optional<String> setting(Context ctx, String key) {
            return Optional.ofNullable(switch (key) {
                case VoiceplaneInfra.AWS_ACCOUNT_ID -> MockCloud.ACCOUNT;
                case VoiceplaneInfra.ADMIN_CIDRS -> "203.0.113.0/24";
                default -> null;
            });
        }
    };
    /** Every stand-in secret starts so; a plan shows such values as [secret]. */
    public static final String SECRET_STAND_IN = "plan-only-secret-";

    private final String stack;
    private final List<Node> nodes;
    private final TestResult result;
    private final Path chartsRoot;

    private Plan(String stack, List<Node> nodes, TestResult result, Path chartsRoot) {
        this.stack = stack;
        this.nodes = nodes;
        this.result = result;
        this.chartsRoot = chartsRoot;
    }

    /** Runs the program for {@code stack} of {@code stacks} with the stand-ins and a cloud whose account matches. */
    public static Plan run(Path stacks, String stack, Path chartsRoot) {
        return run(stacks, stack, chartsRoot, STAND_INS, new MockCloud());
    }

    /**
     * Pulumi's engine logger prints a failed program's stack trace at SEVERE; a plan reports the error
     * itself ({@link #errors()}), once, as a sentence. The mocks' logger is PulumiTestInternal's, whose
     * level Pulumi resets on every run, so its records are kept from the console handlers instead.
     * Held here so the configured logger is not collected.
     */
    private static final java.util.logging.Logger PULUMI_LOG =
            java.util.logging.Logger.getLogger("com.pulumi.test.internal.PulumiTestInternal");

    public static synchronized Plan run(Path stacks, String stack, Path chartsRoot, VoiceplaneInfra.Settings settings, MockCloud cloud) {
        PULUMI_LOG.setUseParentHandlers(false);
        Map<String, Options> options = new ConcurrentHashMap<>();
        ResourceTransformation record = args -> {
            List<String> deps = new ArrayList<>();
            Output<List<Resource>> dependsOn = args.options().getDependsOn();
            if (dependsOn != null) {
                List<Resource> list = PulumiTest.extractValue(dependsOn);
                if (list != null) {
                    list.forEach(r -> deps.add(id(r)));
                }
            }
            options.put(id(args.resource()), new Options(args.options().getParent().map(Plan::id).orElse(""), List.copyOf(deps),
                    args.options().isProtect(), args.options().isRetainOnDelete(), List.copyOf(args.options().getIgnoreChanges())));
            return Optional.empty();
        };
        try {
            TestResult result = PulumiTest.withMocks(cloud)
                    .withOptions(TestOptions.builder().projectName("voiceplane").stackName(stack).preview(false)
                            .resourceTransformations(List.of(record)).build())
                    .runTest(VoiceplaneInfra.program(stacks, chartsRoot, settings));
            List<Node> nodes = new ArrayList<>();
            for (MockCloud.Created c : cloud.created()) {
                Options o = options.getOrDefault(c.type() + "::" + c.name(), new Options("", List.of(), false, false, List.of()));
                nodes.add(new Node(c.type(), c.name(), o.parent(), o.dependsOn(), providerName(c.provider()), c.inputs(),
                        o.protect(), o.retainOnDelete(), o.ignoreChanges()));
            }
            // Registration order depends on when each Output resolves; the graph's order must not.
            nodes.sort(java.util.Comparator.comparing(Node::type).thenComparing(Node::name));
            return new Plan(stack, List.copyOf(nodes), result, chartsRoot.toAbsolutePath());
        } finally {
            PulumiTest.cleanup();
        }
    }

    private record Options(String parent, List<String> dependsOn, boolean protect, boolean retainOnDelete, List<String> ignoreChanges) {
    }

    static String id(Resource r) {
        return r.pulumiResourceType() + "::" + r.pulumiResourceName();
    }

    /** {@code urn:pulumi:stack::project::pulumi:providers:aws::name::id} → {@code aws::name}; "" for none. */
    static String providerName(String reference) {
        int at = reference.indexOf("pulumi:providers:");
        if (at < 0) {
            return "";
        }
        String rest = reference.substring(at + "pulumi:providers:".length());
        int idSep = rest.lastIndexOf("::");
        return idSep < 0 ? rest : rest.substring(0, idSep);
    }

    public String stack() {
        return stack;
    }

    /** The resources, sorted by type and name. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Where the program wrote the charts it releases (a plan shows paths under it as {@code <charts>/...}). */
    public Path chartsRoot() {
        return chartsRoot;
    }

    /** Errors the program raised (exceptions and Pulumi errors), as messages; empty when it ran through. */
    public List<String> errors() {
        List<String> out = new ArrayList<>();
        result.exceptions().forEach(e -> out.add(rootMessage(e)));
        out.addAll(result.errors());
        return out;
    }

    /** The stack outputs that resolved, by name. */
    public Map<String, Object> outputs() {
        Map<String, Object> out = new TreeMap<>();
        result.outputs().forEach((k, v) -> {
            try {
                out.put(k, PulumiTest.extractValue(v));
            } catch (RuntimeException e) {
                out.put(k, "(error: " + rootMessage(e) + ")");
            }
        });
        return out;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
