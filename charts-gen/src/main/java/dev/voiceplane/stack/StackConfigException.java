package dev.voiceplane.stack;

import java.util.List;
import java.util.stream.Collectors;

/** A stack file that cannot be used; carries every problem found, not just the first. */
public final class StackConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public StackConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
