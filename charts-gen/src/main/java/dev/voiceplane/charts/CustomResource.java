package dev.voiceplane.charts;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cdk8s.ApiObject;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.ApiObjectProps;
import org.cdk8s.JsonPatch;
import software.constructs.Construct;

/**
 * An object of a custom resource (cert-manager, prometheus-operator, ...) for which no typed
 * binding is generated: a plain {@link ApiObject} whose top-level fields other than metadata
 * ({@code spec}, ...) are given as maps. The schema tests check these objects against the
 * published model of their CRD, which is what keeps the maps honest.
 */
public final class CustomResource {
    private CustomResource() {
    }

    /**
     * @param namespace the namespace, or {@code null} for a cluster-scoped resource
     * @param fields    top-level fields besides apiVersion, kind and metadata, e.g. {@code spec}
     */
    public static ApiObject create(Construct scope, String id, String apiVersion, String kind, String name,
                                   String namespace, Map<String, String> labels, Map<String, ?> fields) {
        Objects.requireNonNull(name, "name");
        ApiObjectMetadata.Builder meta = ApiObjectMetadata.builder().name(name).labels(new TreeMap<>(labels));
        if (namespace != null) {
            meta.namespace(namespace);
        }
        ApiObject object = new ApiObject(scope, id, ApiObjectProps.builder()
                .apiVersion(apiVersion).kind(kind).metadata(meta.build()).build());
        JsonPatch[] patches = new TreeMap<>(fields).entrySet().stream()
                .map(e -> JsonPatch.add("/" + e.getKey(), e.getValue())).toArray(JsonPatch[]::new);
        if (patches.length > 0) {
            object.addJsonPatch(patches);
        }
        return object;
    }
}
