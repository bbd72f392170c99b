package dev.voiceplane.stack;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Test fixture: a stack file's text parsed as {@code stacks/Pulumi.test.yaml} of stack {@code test}. */
final class StackText {
    static final String FILE = "stacks/Pulumi.test.yaml";

    private StackText() {
    }

    static StackConfig parse(String yaml) {
        return StackConfigParser.parse(FILE, "test", yaml);
    }

    /** The problems of a stack file that must not parse; null when it parsed. */
    static StackConfigException problems(String yaml) {
        return catchThrowableOfType(() -> parse(yaml), StackConfigException.class);
    }
}
