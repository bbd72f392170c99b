package dev.voiceplane.cli;

/** What {@code synth} writes: plain YAML per component, or a Helm chart. */
public enum ManifestFormat {
    /** {@code <out>/<stack>/<component>.yaml}. */
    yaml,
    /** {@code <out>/<stack>/helm/}: Chart.yaml, values.yaml, values.schema.json, templates/. */
    helm
}
