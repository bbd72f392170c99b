package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind — stack names and files, flags, kubeconfigs, baselines — each run through
 * the real command line in a scratch tree with a stacks directory, an output root that already holds
 * a file, and a victim directory beside them. Each case asserts the exit code, the words of the
 * error (file, line, key or flag), and that no file anywhere in the tree was written, changed or
 * removed. Cluster flags are given an unreachable kubeconfig: exit 2 (not 5) shows they were
 * checked before any connection.
 */
class BadInputTest {
    @TempDir
    Path root;

    private Path stacks;
    private Path out;
    private String local;

    /** One bad input: how to prepare the tree, the arguments ({S}=stacks dir, {O}=out, {R}=root), what must come out. */
    record Case(String name, Setup setup, String args, int exit, String... messages) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Setup {
        void apply(BadInputTest t) throws Exception;
    }

    @BeforeEach
    void scratchTree() throws Exception {
        stacks = Files.createDirectories(root.resolve("stacks"));
        out = Files.createDirectories(root.resolve("out").resolve("local"));
        Files.writeString(out.resolve("keep.yaml"), "# an earlier synth: must survive a failed run\n");
        out = out.getParent();
        Files.createDirectories(root.resolve("victim"));
        Files.writeString(root.resolve("victim").resolve("precious.txt"), "do not touch\n");
        local = Files.readString(CliRun.stacksDir().resolve("Pulumi.local.yaml"));
        Files.writeString(stacks.resolve("Pulumi.local.yaml"), local);
        Files.writeString(root.resolve("unreachable.kubeconfig"), MockCluster.kubeconfig("http://127.0.0.1:1"));
    }

    private void stack(String name, String text) throws IOException {
        Files.writeString(stacks.resolve("Pulumi." + name + ".yaml"), text);
    }

    private void bytes(String name, byte[] content) throws IOException {
        Files.write(stacks.resolve("Pulumi." + name + ".yaml"), content);
    }

    private String localWith(String from, String to) {
        assertThat(local).contains(from);
        return local.replace(from, to);
    }

    private void file(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static final String SYNTH = "synth --stacks-dir {S} --out {O} ";
    private static final String KUBE = " --stacks-dir {S} --kubeconfig {R}/unreachable.kubeconfig";
    private static final String DIFF = "diff --stack local --stacks-dir {S} --against {R}/base";

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // Stack names: checked before any path is made of them.
        c.add(new Case("traversal in a stack name", t -> {
            Files.createDirectories(t.stacks.resolve("Pulumi.x"));
            t.file("victim/Pulumi.evil.yaml", t.local);
        }, SYNTH + "--stack x/../../victim/Pulumi.evil", 2, "'x/../../victim/Pulumi.evil' is not a stack name", "no '/'"));
        c.add(new Case("stack name ..", t -> { }, SYNTH + "--stack ..", 2, "'..' is not a stack name"));
        c.add(new Case("stack name .", t -> { }, SYNTH + "--stack .", 2, "'.' is not a stack name"));
        c.add(new Case("stack name with a slash", t -> { }, SYNTH + "--stack org/local", 2, "'org/local' is not a stack name"));
        c.add(new Case("empty stack name", t -> { }, SYNTH + "--stack=", 2, "'' is not a stack name"));
        c.add(new Case("stack name over 100 characters", t -> { }, SYNTH + "--stack " + "a".repeat(101), 2, "is not a stack name", "1 to 100"));
        c.add(new Case("stack name with a colon", t -> { }, SYNTH + "--stack=lo:cal", 2, "'lo:cal' is not a stack name"));
        c.add(new Case("unknown stack", t -> { }, SYNTH + "--stack nope", 2, "unknown stack 'nope'", "stacks are: local"));
        // Stack files: YAML that Pulumi would read differently from what was meant.
        c.add(new Case("a second config block", t -> t.stack("t", t.local + "config:\n  voiceplane:system: bharatvoice\n"),
                SYNTH + "--stack t", 2, "Pulumi.t.yaml:", "config: is written twice (first at line"));
        c.add(new Case("a key written twice", t -> t.stack("t", t.localWith("  voiceplane:cloud: none\n",
                "  voiceplane:cloud: none\n  voiceplane:system: bharatvoice\n")), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:24: voiceplane:system: is written twice (first at line 21)"));
        c.add(new Case("a second document", t -> t.stack("t", t.local + "---\nconfig: {}\n"), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:", "a second YAML document starts here"));
        c.add(new Case("an application tag", t -> t.stack("t", t.localWith("voiceplane:cloud: none", "voiceplane:cloud: !secret none")),
                SYNTH + "--stack t", 2, "Pulumi.t.yaml:23: unsupported tag !secret"));
        c.add(new Case("a language tag", t -> t.stack("t", t.localWith("voiceplane:cloud: none", "voiceplane:cloud: !!python/object:os.system none")),
                SYNTH + "--stack t", 2, "Pulumi.t.yaml:23:", "Global tag is not allowed"));
        c.add(new Case("an explicit tag that does not fit", t -> t.stack("t", t.localWith("    min: 1\n", "    min: !!int one\n")),
                SYNTH + "--stack t", 2, "'one' is not a valid tag:yaml.org,2002:int"));
        c.add(new Case("an alias bomb", t -> t.stack("t", aliasBomb()), SYNTH + "--stack t", 2, "Pulumi.t.yaml:", "aliases"));
        c.add(new Case("a doubling alias chain", t -> t.stack("t", doubling()), SYNTH + "--stack t", 2, "expand to more than"));
        c.add(new Case("yes as a boolean", t -> t.stack("t", t.localWith("voiceplane:istio: false", "voiceplane:istio: yes")),
                SYNTH + "--stack t", 2, "Pulumi.t.yaml:45: voiceplane:istio: must be true or false, got 'yes'", "YAML 1.1"));
        c.add(new Case("on as a boolean", t -> t.stack("t", t.localWith("voiceplane:istio: false", "voiceplane:istio: on")),
                SYNTH + "--stack t", 2, "voiceplane:istio: must be true or false, got 'on'", "write true or false"));
        c.add(new Case("quoted no as a boolean", t -> t.stack("t", t.localWith("voiceplane:istio: false", "voiceplane:istio: \"no\"")),
                SYNTH + "--stack t", 2, "voiceplane:istio: must be true or false, got 'no'"));
        c.add(new Case("a number as a boolean", t -> t.stack("t", t.localWith("voiceplane:istio: false", "voiceplane:istio: 1")),
                SYNTH + "--stack t", 2, "voiceplane:istio: must be true or false, got '1'"));
        c.add(new Case("bad indentation", t -> t.stack("t", t.localWith("    max: 1\n", "     max: 1\n")), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:29: not valid YAML"));
        c.add(new Case("an unclosed quote", t -> t.stack("t", t.localWith("tag: \"0.1.0\"", "tag: \"0.1.0")), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:", "not valid YAML"));
        c.add(new Case("a tab for indentation", t -> t.stack("t", t.localWith("    min: 1\n", "\tmin: 1\n")), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:28: not valid YAML"));
        c.add(new Case("latin-1 bytes", t -> t.bytes("t", "config:\n  voiceplane:system: ai-ninja\n  voiceplane:domain: caf\u00e9.example.com\n"
                .getBytes(StandardCharsets.ISO_8859_1)), SYNTH + "--stack t", 2, "error: Pulumi.t.yaml has 1 problem\n", "Pulumi.t.yaml:3: byte 0xe9 is not UTF-8; save the file as UTF-8\n"));
        c.add(new Case("a directory named as a stack file", t -> Files.createDirectories(t.stacks.resolve("Pulumi.t.yaml")),
                SYNTH + "--stack t", 2, "Pulumi.t.yaml: is a directory, not a stack file"));
        c.add(new Case("a symlink loop", t -> {
            Files.createSymbolicLink(t.stacks.resolve("Pulumi.t.yaml"), t.stacks.resolve("Pulumi.u.yaml"));
            Files.createSymbolicLink(t.stacks.resolve("Pulumi.u.yaml"), t.stacks.resolve("Pulumi.t.yaml"));
        }, SYNTH + "--stack t", 2, "Pulumi.t.yaml: is a symbolic link in a loop of links"));
        c.add(new Case("a dangling symlink", t -> Files.createSymbolicLink(t.stacks.resolve("Pulumi.t.yaml"), t.stacks.resolve("gone.yaml")),
                SYNTH + "--stack t", 2, "Pulumi.t.yaml: is a symbolic link to ", "gone.yaml, which does not exist"));
        c.add(new Case("an empty stack file", t -> t.stack("t", ""), SYNTH + "--stack t", 2, "Pulumi.t.yaml: config: is required"));
        c.add(new Case("a list instead of a mapping", t -> t.stack("t", "- config\n"), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml", "must be a mapping of keys to values, got a list"));
        c.add(new Case("config as text", t -> t.stack("t", "config: ai-ninja\n"), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:1: must be a mapping of keys to values, got 'ai-ninja'"));
        c.add(new Case("a typo in a key", t -> t.stack("t", t.localWith("    min: 1\n", "    mni: 1\n")), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:28: voiceplane:replicas.mni: unknown key; did you mean 'min'?"));
        c.add(new Case("a word for a number", t -> t.stack("t", t.localWith("    min: 1\n", "    min: one\n")), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:28: voiceplane:replicas.min: must be a whole number"));
        c.add(new Case("zero replicas", t -> t.stack("t", t.localWith("    min: 1\n", "    min: 0\n")), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:28: voiceplane:replicas.min: must be between 1 and 100, got 0"));
        c.add(new Case("an unknown environment", t -> t.stack("t", t.localWith("environment: local", "environment: prod")), SYNTH + "--stack t", 2,
                "Pulumi.t.yaml:22: voiceplane:environment: 'prod' is not one of local, staging, production"));
        c.add(new Case("a complex key", t -> t.stack("t", t.local + "? [a, b]\n: c\n"), SYNTH + "--stack t", 2, "a key must be plain text"));
        c.add(new Case("a merge of a scalar", t -> t.stack("t", t.local + "  <<: text\n"), SYNTH + "--stack t", 2, "'<<' merges a mapping"));
        c.add(new Case("a file over a mebibyte", t -> t.stack("t", "config:\n  voiceplane:system: ai-ninja\n# " + "x".repeat(1 << 20) + "\n"),
                SYNTH + "--stack t", 2, "Pulumi.t.yaml: is 1048617 bytes; a stack file is a few KiB (at most 1048576 bytes)"));
        // Flags.
        c.add(new Case("a missing stacks directory", t -> { }, "synth --stacks-dir {R}/nowhere --out {O} --stack local", 2,
                "no stacks directory", "nowhere", "--stacks-dir"));
        c.add(new Case("a stacks directory that is a file", t -> t.file("flat", "x"), "synth --stacks-dir {R}/flat --out {O} --stack local", 2,
                "no stacks directory"));
        c.add(new Case("--all over an empty stacks directory", t -> Files.createDirectories(t.root.resolve("none")),
                "synth --all --stacks-dir {R}/none --out {O}", 2, "--all: there are no stack files (Pulumi.<stack>.yaml) in"));
        c.add(new Case("--all with one bad file among good ones", t -> t.stack("zz", t.localWith("    min: 1\n", "    min: 0\n")),
                SYNTH + "--all", 2, "Pulumi.zz.yaml:28: voiceplane:replicas.min"));
        c.add(new Case("--stack with --all", t -> { }, SYNTH + "--all --stack local", 2, "--stack local and --all: give one of them"));
        c.add(new Case("--out that is a file", t -> t.file("out-file", "x"), "synth --stacks-dir {S} --out {R}/out-file --stack local", 2,
                "--out " , "out-file: is a file, not a directory"));
        c.add(new Case("--out under a file", t -> t.file("out-file", "x"), "synth --stacks-dir {S} --out {R}/out-file/sub --stack local", 2,
                "out-file is a file, so nothing can be made under it"));
        c.add(new Case("--out - with --format helm", t -> { }, "synth --stacks-dir {S} --out - --format helm --stack local", 2,
                "--out - writes plain YAML to stdout"));
        c.add(new Case("an unknown --format", t -> { }, SYNTH + "--stack local --format kustomize", 2, "--format", "kustomize"));
        c.add(new Case("an unknown flag", t -> { }, SYNTH + "--stack local --dry", 2, "Unknown option: '--dry'"));
        c.add(new Case("an unknown --output", t -> { }, SYNTH + "--stack local --output yaml", 2, "--output", "yaml"));
        c.add(new Case("rollback --to -1", t -> { }, "rollback --stack local" + KUBE + " --to -1", 2, "--to must be at least 1, got -1"));
        c.add(new Case("rollback --to 0", t -> { }, "rollback --stack local" + KUBE + " --to 0", 2, "--to must be at least 1, got 0"));
        c.add(new Case("rollback --to a word", t -> { }, "rollback --stack local" + KUBE + " --to last", 2, "--to", "last"));
        c.add(new Case("apply --timeout -1", t -> { }, "apply --stack local" + KUBE + " --timeout -1", 2, "--timeout must be at least 1 second, got -1"));
        c.add(new Case("apply --timeout 0", t -> { }, "apply --stack local" + KUBE + " --timeout 0", 2, "--timeout must be at least 1 second, got 0"));
        c.add(new Case("backup --timeout 0", t -> { }, "backup --stack local" + KUBE + " --timeout 0", 2, "--timeout must be at least 1 second, got 0"));
        c.add(new Case("restore --timeout -5", t -> { }, "restore --stack local" + KUBE + " --store redis --from r.rdb.gpg --yes --timeout -5", 2,
                "--timeout must be at least 1 second, got -5"));
        c.add(new Case("restore --from a path", t -> { }, "restore --stack local" + KUBE + " --store redis --from ../x.gpg --yes", 2,
                "--from: '../x.gpg' must be the file name of a copy"));
        c.add(new Case("restore of an unknown store", t -> { }, "restore --stack local" + KUBE + " --store mysql --from x --yes", 2, "--store", "mysql"));
        c.add(new Case("apply of an unknown component", t -> { }, "apply --stack local" + KUBE + " --component core", 2,
                "--component: unknown component 'core'"));
        c.add(new Case("apply of a cloud stack whose identities only pulumi up knows", t -> t.stack("ai-ninja-staging",
                Files.readString(CliRun.stacksDir().resolve("Pulumi.ai-ninja-staging.yaml"))),
                "apply --stack ai-ninja-staging" + KUBE, 2, "leaves voiceplane:vault.identity, voiceplane:vault.tenantId to infra",
                "deploy it with pulumi up"));
        c.add(new Case("status with --all", t -> { }, "status --stack local --all" + KUBE, 2, "Unknown option: '--all'"));
        c.add(new Case("bench --runs 0", t -> { }, "bench --runs 0 --stacks-dir {S}", 2, "--runs must be at least 1, got 0"));
        c.add(new Case("completion for an unknown shell", t -> { }, "completion fish", 2, "fish"));
        // Kubeconfigs: exit 2 naming the file and the context, never a fallback to the in-cluster address.
        c.add(new Case("a kubeconfig without contexts", t -> t.file("k", "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n"),
                "status --stack local --stacks-dir {S} --kubeconfig {R}/k", 2, "kubeconfig ", "/k has no current-context", "it defines no contexts"));
        c.add(new Case("a current-context that is not defined", t -> t.file("k", MockCluster.kubeconfig("http://127.0.0.1:1")
                .replace("current-context: test", "current-context: gone")), "status --stack local --stacks-dir {S} --kubeconfig {R}/k", 2,
                "/k: no context 'gone' (its current-context); its contexts are: test"));
        c.add(new Case("a --context that is not defined", t -> { }, "status --stack local" + KUBE + " --context prod", 2,
                "unreachable.kubeconfig: no context 'prod' (from --context)"));
        c.add(new Case("a malformed kubeconfig", t -> t.file("k", "apiVersion: v1\nclusters:\n  - name: [x\ncontexts: []\n"),
                "status --stack local --stacks-dir {S} --kubeconfig {R}/k", 2, "/k:4: not valid YAML: while parsing a flow sequence: expected ','"));
        c.add(new Case("a kubeconfig that is a list", t -> t.file("k", "- a\n- b\n"), "status --stack local --stacks-dir {S} --kubeconfig {R}/k", 2,
                "/k: not a kubeconfig"));
        c.add(new Case("a kubeconfig that is a directory", t -> Files.createDirectories(t.root.resolve("kdir")),
                "status --stack local --stacks-dir {S} --kubeconfig {R}/kdir", 2, "--kubeconfig ", "kdir: is a directory"));
        c.add(new Case("a missing kubeconfig", t -> { }, "status --stack local --stacks-dir {S} --kubeconfig {R}/absent", 2,
                "--kubeconfig ", "absent: no such file"));
        c.add(new Case("a context naming an undefined cluster", t -> t.file("k", MockCluster.kubeconfig("http://127.0.0.1:1")
                .replace("cluster: test", "cluster: elsewhere")), "status --stack local --stacks-dir {S} --kubeconfig {R}/k", 2,
                "context 'test' names cluster 'elsewhere', which it does not define with a server"));
        c.add(new Case("--in-cluster outside a pod", t -> { }, "status --stack local --stacks-dir {S} --in-cluster", 2, "--in-cluster: not in a pod"));
        c.add(new Case("--in-cluster with --kubeconfig", t -> { }, "status --stack local" + KUBE + " --in-cluster", 2,
                "--in-cluster uses the pod's service account; drop --kubeconfig"));
        // Baselines: every error of diff is 1, so it never reads as "changes" (2).
        c.add(new Case("a missing baseline", t -> { }, DIFF, 1, "--against ", "base: no such directory", "<stack>/*.yaml"));
        c.add(new Case("a baseline one level too deep", t -> t.file("base/local/namespace.yaml", "kind: Namespace\n"),
                "diff --stack local --stacks-dir {S} --against {R}/base/local", 1, "holds YAML files itself", "one level too deep"));
        c.add(new Case("an empty baseline", t -> Files.createDirectories(t.root.resolve("base/local")), DIFF, 1, "holds no synthesized stack"));
        c.add(new Case("a baseline without the stack", t -> t.file("base/other/a.yaml", "kind: Namespace\n"), DIFF, 1,
                "no baseline for stack(s) local", "it has: other", "--new-stack local"));
        c.add(new Case("--new-stack for a stack the baseline has", t -> t.file("base/local/a.yaml", "kind: Namespace\n"), DIFF + " --new-stack local", 1,
                "--new-stack local: the baseline has it"));
        c.add(new Case("--new-stack with a bad name", t -> t.file("base/local/a.yaml", "kind: Namespace\n"), DIFF + " --new-stack ../x", 1,
                "--new-stack: '../x' is not a stack name"));
        c.add(new Case("a baseline file that is not YAML", t -> t.file("base/local/a.yaml", "kind: ConfigMap\nmetadata: {name: [x\n"), DIFF, 1,
                "base/local/a.yaml:", "not valid YAML"));
        c.add(new Case("a baseline object without a name", t -> t.file("base/local/sub/a.yml", "apiVersion: v1\nkind: ConfigMap\n"), DIFF, 1,
                "base/local/sub/a.yml:1: not a Kubernetes object"));
        c.add(new Case("a baseline object twice", t -> t.file("base/local/a.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: n}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: n}\n"),
                DIFF, 1, "base/local/a.yaml:5: ConfigMap/n/a appears twice"));
        c.add(new Case("--against that is a file", t -> t.file("base", "x"), DIFF, 1, "base: no such directory"));
        c.add(new Case("diff without --against", t -> { }, "diff --stack local --stacks-dir {S}", 1, "Missing required option: '--against=<dir>'"));
        // A misspelt required flag is named as the mistake, not reported as the flag it was meant to be missing.
        c.add(new Case("diff with --against misspelt", t -> { }, "diff --stack local --stacks-dir {S} --againts {R}/base", 1,
                "Unknown option: '--againts'", "Possible solutions: --against"));
        c.add(new Case("restore with --store misspelt", t -> { }, "restore --stack local" + KUBE + " --stroe redis --from r.rdb.gpg --yes", 2,
                "Unknown option: '--stroe'", "--store"));
        c.add(new Case("diff --unified -1", t -> t.file("base/local/a.yaml", "kind: Namespace\n"), DIFF + " --unified -1", 1,
                "--unified must be 0 or more lines, got -1"));
        c.add(new Case("diff --accept of an unknown class", t -> t.file("base/local/a.yaml", "kind: Namespace\n"), DIFF + " --accept all", 1,
                "--accept: unknown risk class 'all'"));
        c.add(new Case("diff of a bad stack file", t -> {
            t.stack("local", t.localWith("    min: 1\n", "    min: 0\n"));
            t.file("base/local/a.yaml", "kind: Namespace\n");
        }, DIFF, 1, "Pulumi.local.yaml:28: voiceplane:replicas.min"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithItsExitCodeAndWordsAndNothingWritten(Case c) throws Exception {
        c.setup().apply(this);
        Map<String, String> before = snapshot();
        CliRun cli = new CliRun();
        String[] args = c.args().replace("{S}", stacks.toString()).replace("{O}", out.toString()).replace("{R}", root.toString()).split(" ");
        int code = cli.run(args);
        assertThat(code).as("exit code; stderr:%n%s", cli.err()).isEqualTo(c.exit());
        for (String message : c.messages()) {
            assertThat(cli.err()).as("stderr").contains(message.replace("{R}", root.toString()));
        }
        assertThat(snapshot()).as("every file in the scratch tree, after the run").isEqualTo(before);
    }

    @Test
    void thereAreAtLeastSixtyCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void underOutputJsonAnErrorIsOneEnvelopeOnStdout() throws Exception {
        stack("t", localWith("    min: 1\n", "    min: 0\n"));
        CliRun cli = new CliRun();
        assertThat(cli.run("synth", "--stacks-dir", stacks.toString(), "--out", out.toString(), "--stack", "t", "-o", "json")).isEqualTo(2);
        JsonNode error = new ObjectMapper().readTree(cli.out()).path("error");
        assertThat(error.path("command").asText()).isEqualTo("synth");
        assertThat(error.path("exitCode").asInt()).isEqualTo(2);
        assertThat(error.path("kind").asText()).isEqualTo("bad-input");
        assertThat(error.path("message").asText()).isEqualTo("Pulumi.t.yaml has 1 problem");
        assertThat(error.path("problems")).hasSize(1);
        assertThat(error.at("/problems/0/file").asText()).isEqualTo(stacks.resolve("Pulumi.t.yaml").toString());
        assertThat(error.at("/problems/0/line").asInt()).isEqualTo(28);
        assertThat(error.at("/problems/0/key").asText()).isEqualTo("voiceplane:replicas.min");
        assertThat(error.at("/problems/0/message").asText()).isEqualTo("must be between 1 and 100, got 0");
        assertThat(cli.err()).as("the same error in words on stderr").isEqualTo("error: Pulumi.t.yaml has 1 problem\n  "
                + stacks.resolve("Pulumi.t.yaml") + ":28: voiceplane:replicas.min: must be between 1 and 100, got 0\n");

        CliRun flag = new CliRun();
        assertThat(flag.run("status", "--stack", "local", "--bogus", "-o", "json")).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(flag.out()).at("/error/message").asText()).contains("--bogus");

        CliRun cluster = new CliRun();
        assertThat(cluster.run("status", "--stack", "local", "--stacks-dir", stacks.toString(), "--kubeconfig",
                root.resolve("unreachable.kubeconfig").toString(), "--output", "json")).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(new ObjectMapper().readTree(cluster.out()).at("/error/kind").asText()).isEqualTo("unreachable");
    }

    @Test
    void everyProblemOfAStackFileIsReportedUnderOneCountedLine() throws Exception {
        stack("t", localWith("    min: 1\n", "    min: 0\n").replace("environment: local", "environment: prod")
                .replace("voiceplane:istio: false", "voiceplane:istio: yes"));
        CliRun cli = new CliRun();
        assertThat(cli.run("synth", "--stacks-dir", stacks.toString(), "--out", out.toString(), "--stack", "t", "-o", "json")).isEqualTo(2);
        JsonNode error = new ObjectMapper().readTree(cli.out()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("Pulumi.t.yaml has 3 problems");
        assertThat(error.path("problems")).extracting(p -> p.path("line").asInt()).containsExactlyInAnyOrder(22, 28, 45);
        assertThat(cli.err().lines().toList()).as(cli.err()).hasSize(4).first().isEqualTo("error: Pulumi.t.yaml has 3 problems");
    }

    @Test
    void aliasesAndQuotedBooleansAsPulumiWritesThemAreAccepted() throws Exception {
        stack("t", localWith("voiceplane:istio: false", "voiceplane:istio: \"false\"")
                .replace("  voiceplane:replicas:\n    min: 1\n    max: 1\n", "  voiceplane:replicas: &one\n    min: 1\n    max: 1\n  voiceplane:workerReplicas: *one\n"));
        CliRun cli = new CliRun();
        assertThat(cli.run("synth", "--stacks-dir", stacks.toString(), "--out", "-", "--stack", "t")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("# Source: t/namespace.yaml").contains("kind: Namespace");
    }

    /** Path to a hash of the content (or "dir"/"link") of everything under the scratch root. */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> files = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(key, "link");
                } else if (Files.isDirectory(p)) {
                    files.put(key, "dir");
                } else {
                    files.put(key, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
                }
            }
        }
        return files;
    }

    private static String aliasBomb() {
        StringBuilder bomb = new StringBuilder("config:\n  voiceplane:system: ai-ninja\nx0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("x").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        return bomb.toString();
    }

    private static String doubling() {
        StringBuilder d = new StringBuilder("config:\n  voiceplane:system: ai-ninja\nx0: &a0 [x, x]\n");
        for (int i = 1; i < 20; i++) {
            d.append("x").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        return d.toString();
    }
}
