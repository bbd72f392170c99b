package dev.voiceplane.synth.schema;

import java.nio.file.Path;
import java.util.List;

/**
 * The npm schema models (installed by charts-gen's build into {@code charts-gen/schema-models}) are not
 * where voiceplane looked: an installation problem, not a bug, so the message says where it looked and how
 * to fix it.
 */
public final class SchemaModelsMissingException extends RuntimeException {
    public SchemaModelsMissingException(List<Path> looked) {
        super("the npm schema models (kubernetes-models, @kubernetes-models/external-secrets, @kubernetes-models/istio, @prometheus-io/lezer-promql) "
                + "are not installed; looked in " + looked + ". Build charts-gen once (mvn -pl charts-gen -am package, which runs "
                + "schema-models/install.mjs), or point -Dvoiceplane.schemaModels (VOICEPLANE_SCHEMA_MODELS) at an installed schema-models directory");
    }
}
