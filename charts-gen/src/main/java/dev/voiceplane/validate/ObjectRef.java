package dev.voiceplane.validate;

/**
 * Which object a finding is about, and where it is written.
 *
 * @param kind      e.g. {@code Deployment}
 * @param namespace empty for cluster-scoped objects
 * @param name      the object's name
 * @param file      the YAML file holding it: {@code dist/<stack>/<component>.yaml} for a synthesized
 *                  object (what synth writes), the path as given for {@code --dir}
 * @param line      1-based line where the object's document starts, 0 when unknown
 */
public record ObjectRef(String kind, String namespace, String name, String file, int line) {
    /** {@code Kind/namespace/name}, as the rest of voiceplane names objects. */
    public String id() {
        return kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
