package dev.voiceplane.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json}, shared by commands whose report a machine may read. */
public final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "text",
            description = "Report format on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    public OutputFormat format() {
        return format;
    }
}
