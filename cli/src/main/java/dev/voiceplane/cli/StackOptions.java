package dev.voiceplane.cli;

import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** The options that pick a stack or every stack, for the commands that work on files (synth, validate, diff). */
public final class StackOptions {
    @Mixin
    StackOption one;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--all", description = "Every stack in the stacks directory instead of one.")
    boolean all;

    public boolean all() {
        return all;
    }

    /**
     * The stacks asked for ({@code --stack} or {@code --all}), every file read and checked before
     * any is used, so one bad file stops the command before it does any work.
     */
    public List<StackConfig> load() {
        StackFiles files = one.files();
        if (all && one.given()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--stack " + one.stack + " and --all: give one of them, not both");
        }
        List<String> names = all ? files.names() : List.of(one.stack());
        if (all && names.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--all: there are no stack files (Pulumi.<stack>.yaml) in "
                    + files.directory() + "; pass --stacks-dir");
        }
        List<StackConfig> stacks = new ArrayList<>();
        for (String name : names) {
            stacks.add(files.load(name));
        }
        return stacks;
    }
}
