package dev.voiceplane.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** How a stack file's YAML is read: as Pulumi (YAML 1.2) reads it, with what it would misread refused at its line. */
class LocatedYamlTest {
    private static final String FILE = "stacks/Pulumi.t.yaml";

    private static String problem(String yaml) {
        StackConfigException e = catchThrowableOfType(() -> LocatedYaml.parse(FILE, yaml), StackConfigException.class);
        assertThat(e).as("a problem with:%n%s", yaml).isNotNull();
        return e.getMessage();
    }

    @Test
    void aliasesAreResolvedToTheAnchoredValue() {
        LocatedYaml yaml = LocatedYaml.parse(FILE, """
                config:
                  voiceplane:replicas: &r {min: 2, max: 4}
                  voiceplane:workerReplicas: *r
                """);
        assertThat(yaml.root().at("/config/voiceplane:workerReplicas/max").asInt()).isEqualTo(4);
        assertThat(yaml.lineOf("/config/voiceplane:workerReplicas")).isEqualTo(3);
    }

    @Test
    void mergeKeysAddKeysWithoutOverridingWrittenOnes() {
        LocatedYaml yaml = LocatedYaml.parse(FILE, """
                base: &b {min: 2, max: 4}
                other:
                  <<: *b
                  max: 9
                """);
        assertThat(yaml.root().at("/other/min").asInt()).isEqualTo(2);
        assertThat(yaml.root().at("/other/max").asInt()).isEqualTo(9);
    }

    @Test
    void anAliasBombIsRefusedInsteadOfExpanded() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        assertThat(problem(bomb.toString())).startsWith(FILE + ":").contains("not valid YAML").contains("aliases");
    }

    @Test
    void fewAliasesThatStillExpandTooFarAreRefusedAtTheirLine() {
        StringBuilder doubling = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i < 20; i++) {
            doubling.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        assertThat(problem(doubling.toString())).contains("expand to more than " + LocatedYaml.MAX_NODES);
    }

    @Test
    void plainYesAndOctalLookingValuesAreTextAsInYaml12() {
        LocatedYaml yaml = LocatedYaml.parse(FILE, "a: yes\nb: 012\nc: 0o12\nd: true\ne: ~\nf: 1.5\n");
        assertThat(yaml.root().get("a").isTextual()).isTrue();
        assertThat(yaml.root().get("b").asInt()).isEqualTo(12);
        assertThat(yaml.root().get("c").asInt()).isEqualTo(10);
        assertThat(yaml.root().get("d").isBoolean()).isTrue();
        assertThat(yaml.root().get("e").isNull()).isTrue();
        assertThat(yaml.root().get("f").isNumber()).isTrue();
    }

    @Test
    void aQuotedValueIsAlwaysText() {
        assertThat(LocatedYaml.parse(FILE, "a: \"true\"\n").root().get("a").isTextual()).isTrue();
    }

    @Test
    void aSyntaxErrorNamesTheLineItIsOn() {
        assertThat(problem("config:\n  a: 1\n  b: [unclosed\n  c: 2\nd: 3\n")).startsWith(FILE + ":4:").contains("expected ',' or ']'");
        assertThat(problem("config:\n  a: 1\n   b: 2\n")).startsWith(FILE + ":3:");
    }

    @Test
    void anExplicitTagThatDoesNotFitIsRefused() {
        assertThat(problem("a: !!int twelve\n")).isEqualTo(FILE + ":1: 'twelve' is not a valid tag:yaml.org,2002:int");
        assertThat(LocatedYaml.parse(FILE, "a: !!str 12\n").root().get("a").isTextual()).isTrue();
    }
}
