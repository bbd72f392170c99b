package dev.voiceplane.synth.schema;

import java.nio.file.Path;

/** Where the npm schema models are installed, for callers outside this package (the CLI's validate). */
public final class SchemaModels {
    private SchemaModels() {
    }

    /**
     * @throws SchemaModelsMissingException naming where it looked
     * @see NodeModelCheck#locate()
     */
    public static Path locate() {
        return NodeModelCheck.locate();
    }

    /** Starts Node on the models now, so its start-up overlaps the caller's work; checks reuse the process. */
    public static void warmUp(Path models) {
        NodeScript.warmUp(models);
    }
}
