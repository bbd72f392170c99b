package dev.voiceplane.infra.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.voiceplane.infra.RandomValues;
import dev.voiceplane.synth.Manifest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Secrets a stack without a cloud vault reads its credentials from: for each Kubernetes Secret the
 * chart's ExternalSecrets name as their source ({@code remoteRef.key}), every property they read, so
 * {@code pulumi up --stack local} works on a fresh laptop cluster without anyone typing a password.
 * Passwords, secrets and tokens are generated here (32 random bytes, URL-safe base64), and so is the
 * TOTP seed key (an AES-256 key, standard base64); user names are the system's; anything else (webhook URLs, cloud API keys, the backup GPG public key) starts empty
 * for the operator to fill in, since nothing random can stand in for it (stacks/Pulumi.local.yaml).
 *
 * <p>The values are Pulumi secrets (encrypted in state, shown as [secret], never printed). They are
 * generated once: {@code ignoreChanges} on the data keeps the first values on later runs, because a new
 * PostgreSQL password on every {@code pulumi up} would lock the services out of the database the first
 * password initialized. To rotate one, delete the Secret's key and run again.
 */
public final class LocalSecrets extends ComponentResource {
    /** @param after the release that creates the namespace the Secrets live in */
    public LocalSecrets(String name, String namespace, List<Manifest> manifests, Provider provider, Resource after,
                        ComponentResourceOptions options) {
        super("voiceplane:kube:LocalSecrets", name, options);
        sources(manifests, namespace).forEach((secret, keys) -> {
            Map<String, Output<String>> data = new TreeMap<>();
            keys.forEach(k -> data.put(k, Output.ofSecret(valueFor(k, namespace))));
            new Secret(name + "-" + secret, SecretArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(secret).namespace(namespace)
                            .labels(Map.of("app.kubernetes.io/managed-by", "voiceplane")).build())
                    .type("Opaque")
                    .stringData(Output.all(data.values().stream().toList()).applyValue(values -> {
                        Map<String, String> out = new TreeMap<>();
                        var it = values.iterator();
                        data.keySet().forEach(k -> out.put(k, it.next()));
                        return out;
                    }).asSecret())
                    .build(), CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(after)
                    .ignoreChanges(List.of("stringData")).additionalSecretOutputs(List.of("data", "stringData")).build());
        });
        registerOutputs(Map.of());
    }

    /** Source Secret name to the properties the namespace's ExternalSecrets read from it. */
    static Map<String, Set<String>> sources(List<Manifest> manifests, String namespace) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Manifest m : manifests) {
            for (ObjectNode o : m.objects()) {
                if (!o.path("kind").asText().equals("ExternalSecret") || !o.at("/metadata/namespace").asText().equals(namespace)) {
                    continue;
                }
                for (JsonNode d : o.at("/spec/data")) {
                    String key = d.at("/remoteRef/key").asText();
                    String property = d.at("/remoteRef/property").asText();
                    if (!key.isEmpty() && !property.isEmpty()) {
                        out.computeIfAbsent(key, k -> new TreeSet<>()).add(property);
                    }
                }
            }
        }
        return out;
    }

    /** The first value of a key, by what its name says it holds ({@link RandomValues#initial}). */
    static String valueFor(String key, String system) {
        return RandomValues.initial(key, system);
    }
}
