package dev.voiceplane.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.synth.Manifest;
import java.util.List;

/**
 * Finds, in the synthesized manifests, the vault entry an environment key is read from (the
 * ExternalSecrets' {@code remoteRef.key} for that {@code secretKey}), so a secret infra writes into the
 * vault lands exactly where the charts read it, with no second spelling of the name.
 */
public final class VaultEntries {
    private VaultEntries() {
    }

    /** The vault entry the namespace's ExternalSecrets read {@code secretKey} from; fails naming the key when none does. */
    public static String of(List<Manifest> manifests, String namespace, String secretKey) {
        return find(manifests, namespace, secretKey).orElseThrow(() -> new IllegalStateException("no ExternalSecret in namespace "
                + namespace + " reads " + secretKey + ": the charts and infra disagree on which secrets the services use"));
    }

    /** As {@link #of}, empty when no service of the system reads {@code secretKey}. */
    public static java.util.Optional<String> find(List<Manifest> manifests, String namespace, String secretKey) {
        for (Manifest m : manifests) {
            for (ObjectNode o : m.objects()) {
                if (!"ExternalSecret".equals(o.path("kind").asText()) || !namespace.equals(o.at("/metadata/namespace").asText())) {
                    continue;
                }
                for (JsonNode d : o.at("/spec/data")) {
                    if (secretKey.equals(d.path("secretKey").asText())) {
                        return java.util.Optional.of(d.at("/remoteRef/key").asText());
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Every key the namespace's ExternalSecrets read, to the vault entry it is read from, sorted by key. */
    public static java.util.SortedMap<String, String> all(List<Manifest> manifests, String namespace) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        for (Manifest m : manifests) {
            for (ObjectNode o : m.objects()) {
                if ("ExternalSecret".equals(o.path("kind").asText()) && namespace.equals(o.at("/metadata/namespace").asText())) {
                    o.at("/spec/data").forEach(d -> out.put(d.path("secretKey").asText(), d.at("/remoteRef/key").asText()));
                }
            }
        }
        return out;
    }
}
