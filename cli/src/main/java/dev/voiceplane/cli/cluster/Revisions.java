package dev.voiceplane.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.synth.YamlWriter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The applied revisions of a stack, kept in the cluster (so every on-call machine sees the same
 * history) as one immutable, gzip-compressed ConfigMap per revision in the stack's namespace,
 * the newest {@value #KEEP} kept — the same idea as a Deployment's ReplicaSet history or Helm's
 * release Secrets (https://helm.sh/docs/topics/advanced/#storage-backends).
 *
 * <p>Revisions carry {@value #REVISION_OF} instead of the stack and managed-by labels on purpose:
 * prune deletes what carries those and is not synthesized, and a revision never is. Synthesized
 * objects hold no secret values (secrets come from the vault), so neither does a revision.
 */
public final class Revisions {
    public static final String REVISION_OF = "voiceplane.dev/revision-of";
    public static final String REVISION = "voiceplane.dev/revision";
    static final String CAUSE = "voiceplane.dev/change-cause";
    static final String APPLIED_AT = "voiceplane.dev/applied-at";
    /** The components in apply order, which the sorted data keys lose. */
    static final String COMPONENTS = "voiceplane.dev/components";
    /** Revisions kept: enough to step back through a bad week of deploys, few enough to stay small. */
    public static final int KEEP = 10;
    private static final String SUFFIX = ".yaml.gz";
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Cluster cluster;
    private final String stack;
    private final String namespace;

    public Revisions(Cluster cluster, String stack, String namespace) {
        this.cluster = cluster;
        this.stack = stack;
        this.namespace = namespace;
    }

    /** Every kept revision, oldest first. */
    public List<Revision> list() {
        List<ConfigMap> maps = new ArrayList<>(cluster.client().configMaps().inNamespace(namespace)
                .withLabel(REVISION_OF, stack).list().getItems());
        List<Revision> revisions = new ArrayList<>();
        for (ConfigMap map : maps) {
            revisions.add(read(map));
        }
        revisions.sort(Comparator.comparingInt(Revision::number));
        return revisions;
    }

    /** Records {@code objects} as the next revision and forgets all but the newest {@value #KEEP}. */
    public Revision record(ObjectSet objects, String cause) {
        List<Revision> existing = list();
        int number = existing.isEmpty() ? 1 : existing.get(existing.size() - 1).number() + 1;
        String appliedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> binary = new TreeMap<>();
        objects.byComponent().forEach((component, list) -> binary.put(component + SUFFIX, gzip(YamlWriter.write(list))));
        ConfigMap map = new ConfigMapBuilder()
                .withNewMetadata().withName(name(number)).withNamespace(namespace)
                .addToLabels(REVISION_OF, stack).addToLabels(REVISION, Integer.toString(number))
                .addToAnnotations(CAUSE, cause).addToAnnotations(APPLIED_AT, appliedAt)
                .addToAnnotations(COMPONENTS, String.join(",", objects.byComponent().keySet()))
                .endMetadata()
                .withImmutable(true)
                .withBinaryData(binary)
                .build();
        cluster.client().configMaps().inNamespace(namespace).resource(map).create();
        for (int i = 0; i < existing.size() + 1 - KEEP; i++) {
            cluster.client().configMaps().inNamespace(namespace).withName(name(existing.get(i).number())).delete();
        }
        return new Revision(number, cause, appliedAt, objects);
    }

    private String name(int number) {
        return Labels.MANAGER + "-" + stack + "-rev-" + number;
    }

    private static Revision read(ConfigMap map) {
        Map<String, String> annotations = map.getMetadata().getAnnotations() == null ? Map.of() : map.getMetadata().getAnnotations();
        Map<String, String> binary = map.getBinaryData() == null ? Map.of() : map.getBinaryData();
        Map<String, List<ObjectNode>> byComponent = new LinkedHashMap<>();
        String order = annotations.getOrDefault(COMPONENTS, "");
        List<String> components = new ArrayList<>(order.isEmpty() ? List.of() : List.of(order.split(",")));
        binary.keySet().stream().filter(k -> k.endsWith(SUFFIX)).map(k -> k.substring(0, k.length() - SUFFIX.length()))
                .filter(c -> !components.contains(c)).sorted().forEach(components::add);
        for (String component : components) {
            String data = binary.get(component + SUFFIX);
            if (data != null) {
                byComponent.put(component, objects(map.getMetadata().getName(), gunzip(data)));
            }
        }
        int number = Integer.parseInt(map.getMetadata().getLabels().get(REVISION));
        return new Revision(number, annotations.getOrDefault(CAUSE, ""), annotations.getOrDefault(APPLIED_AT, ""), new ObjectSet(byComponent));
    }

    private static List<ObjectNode> objects(String source, String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                if (documents.nextValue() instanceof ObjectNode object) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("revision " + source + " is not readable YAML: " + e.getMessage(), e);
        }
        return objects;
    }

    private static String gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static String gunzip(String base64) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
