package dev.voiceplane.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks of flag values made while the command line is parsed: before any file is read or any cluster contacted. */
final class Flags {
    private Flags() {
    }

    /** {@code value} when it is at least 1; a bad-input error naming {@code flag} otherwise. */
    static long atLeastOne(CommandSpec spec, String flag, long value, String unit) {
        if (value < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), flag + " must be at least 1" + unit + ", got " + value);
        }
        return value;
    }
}
