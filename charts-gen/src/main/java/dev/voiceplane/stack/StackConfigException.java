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

    /**
     * One line that stands alone above the problems, e.g. "Pulumi.local.yaml has 3 problems": the file
     * by its name (each problem gives the path), or "the stack files" when the problems are in several.
     */
    public String summary() {
        List<String> files = problems.stream().map(ConfigProblem::file).distinct().toList();
        String what = files.size() == 1 ? nameOf(files.get(0)) + " has " : "the stack files have ";
        return what + problems.size() + (problems.size() == 1 ? " problem" : " problems");
    }

    private static String nameOf(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.isEmpty() ? "the stack file" : name;
    }
}
