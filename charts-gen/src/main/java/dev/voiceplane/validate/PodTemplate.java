package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pods an object makes: its pod template (or the Pod itself), where in the object it is written,
 * and for pods an operator creates from a custom resource, the labels the operator gives them.
 *
 * @param owner        the object (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, or a custom resource)
 * @param path         JSON pointer of the pod template in the owner ("" for a Pod)
 * @param metadata     the pod's metadata (labels, annotations)
 * @param spec         the pod spec; for operator-made pods, the custom resource's spec
 * @param operatorMade whether an operator builds the pod spec (its security settings are the operator's)
 * @param labels       the pods' labels
 */
public record PodTemplate(Source owner, String path, JsonNode metadata, JsonNode spec, boolean operatorMade, Map<String, String> labels) {

    /** Kinds whose pods are written in the object, and where their template is. */
    private static final Map<String, String> TEMPLATES = Map.of(
            "Deployment", "/spec/template",
            "StatefulSet", "/spec/template",
            "DaemonSet", "/spec/template",
            "ReplicaSet", "/spec/template",
            "Job", "/spec/template",
            "CronJob", "/spec/jobTemplate/spec/template",
            "Pod", "");

    /** The pods of every object that makes pods, in source order. */
    static List<PodTemplate> of(List<Source> sources) {
        List<PodTemplate> pods = new ArrayList<>();
        for (Source s : sources) {
            String path = TEMPLATES.get(s.kind());
            if (path != null) {
                JsonNode template = s.at(path.isEmpty() ? "" : path);
                JsonNode meta = template.path("metadata");
                pods.add(new PodTemplate(s, path, meta, template.path("spec"), false, labels(meta.path("labels"))));
            }
            OperatorPods.of(s).ifPresent(pods::add);
        }
        return pods;
    }

    static Map<String, String> labels(JsonNode map) {
        Map<String, String> labels = new TreeMap<>();
        map.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    public String namespace() {
        return owner.namespace();
    }

    /** JSON pointer of the pod spec in the owner. */
    public String specPath() {
        return path + "/spec";
    }

    /** JSON pointer of a field of the pod spec, e.g. {@code specPath("/securityContext")}. */
    public String specPath(String field) {
        return specPath() + field;
    }

    public String annotation(String key) {
        return metadata.path("annotations").path(key).asText("");
    }

    /** Whether this is a Job's pod (from a Job or a CronJob): it runs to completion. */
    public boolean runsToCompletion() {
        return owner.kind().equals("Job") || owner.kind().equals("CronJob");
    }

    /** "Deployment/ns/x" for messages. */
    public String describe() {
        return owner.ref().id();
    }
}
