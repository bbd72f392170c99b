package dev.voiceplane.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One cluster, reached through fabric8 from a kubeconfig. Objects travel as JSON trees, the form
 * synth produces, and every kind is addressed the same way (group, version, plural), so custom
 * resources (ExternalSecret, ServiceMonitor, ...) need no model classes. Writes are server-side
 * apply under the field manager {@value #FIELD_MANAGER}: the API server merges what voiceplane owns
 * with what others (HPAs, controllers) own.
 */
public final class Cluster implements AutoCloseable {
    public static final String FIELD_MANAGER = "voiceplane";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String description;

    private Cluster(KubernetesClient client, String description) {
        this.client = client;
        this.description = description;
    }

    /**
     * Connects with {@code kubeconfig} (null: $KUBECONFIG or ~/.kube/config) and {@code context}
     * (null: the kubeconfig's current one), or the pod's service account under {@code inCluster},
     * and checks that the API server answers.
     *
     * @throws KubeconfigException         when there is no usable kubeconfig or context (bad input)
     * @throws ClusterUnreachableException when the server does not answer
     */
    public static Cluster connect(Path kubeconfig, String context, boolean inCluster) {
        Config config = Kubeconfig.load(kubeconfig, context, inCluster);
        String where = inCluster ? "in-cluster service account" : "kubeconfig " + (kubeconfig != null ? kubeconfig : "$KUBECONFIG or ~/.kube/config")
                + ", context " + (config.getCurrentContext() != null ? config.getCurrentContext().getName() : context);
        // A person waits at the prompt: fail within seconds instead of fabric8's ten retries with back-off.
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(200);
        config.setConnectionTimeout(5_000);
        Cluster cluster = new Cluster(new KubernetesClientBuilder().withConfig(config).build(),
                config.getMasterUrl() + " (" + where + ")");
        try {
            // Any cheap read proves the server answers and the credentials are accepted.
            cluster.client.namespaces().withName("default").get();
        } catch (KubernetesClientException e) {
            cluster.close();
            throw new ClusterUnreachableException("cannot reach the cluster at " + cluster.description + ": " + rootMessage(e), e);
        }
        return cluster;
    }

    /** The API server and kubeconfig, for messages. */
    public String description() {
        return description;
    }

    /** The fabric8 client, for typed reads (Deployments, Jobs, ...). */
    public KubernetesClient client() {
        return client;
    }

    /** Server-side apply of {@code object}; {@code force} takes over fields another manager owns. */
    public ObjectNode apply(ObjectNode object, boolean force) {
        GenericKubernetesResource body = JSON.convertValue(object, GenericKubernetesResource.class);
        String namespace = namespace(object);
        var kind = kind(object);
        Resource<GenericKubernetesResource> resource = namespace.isEmpty() ? kind.resource(body) : kind.inNamespace(namespace).resource(body);
        ServerSideApplicable<GenericKubernetesResource> apply = resource.fieldManager(FIELD_MANAGER);
        return JSON.valueToTree((force ? apply.forceConflicts() : apply).serverSideApply());
    }

    /** The live object with {@code object}'s kind, namespace and name, if it exists. */
    public Optional<ObjectNode> get(JsonNode object) {
        GenericKubernetesResource live = named(object).get();
        return Optional.ofNullable(live).map(JSON::valueToTree);
    }

    /** Every live object of {@code apiVersion}/{@code kind} carrying all of {@code labels}, in any namespace. */
    public List<ObjectNode> list(String apiVersion, String kind, boolean namespaced, Map<String, String> labels) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(context(apiVersion, kind, namespaced));
        GenericKubernetesResourceList found;
        try {
            found = namespaced ? op.inAnyNamespace().withLabels(labels).list() : op.withLabels(labels).list();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of(); // the kind is not served (its CRD is not installed): nothing of it exists
            }
            throw e;
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (GenericKubernetesResource item : found.getItems()) {
            ObjectNode node = JSON.valueToTree(item);
            // Lists may leave out each item's apiVersion and kind; put them back so items read as objects.
            node.put("apiVersion", apiVersion).put("kind", kind);
            objects.add(node);
        }
        return objects;
    }

    /** Deletes {@code object}, waiting up to {@code timeoutSeconds} for it to be gone (finalizers run first). */
    public void delete(JsonNode object, long timeoutSeconds) {
        named(object).withTimeout(timeoutSeconds, TimeUnit.SECONDS).delete();
    }

    private Resource<GenericKubernetesResource> named(JsonNode object) {
        String namespace = namespace(object);
        String name = object.path("metadata").path("name").asText();
        return namespace.isEmpty() ? kind(object).withName(name) : kind(object).inNamespace(namespace).withName(name);
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> kind(
            JsonNode object) {
        return client.genericKubernetesResources(context(object.path("apiVersion").asText(), object.path("kind").asText(),
                !namespace(object).isEmpty()));
    }

    private static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }

    /**
     * How the API addresses a kind. The plural is the lower-case kind made plural, the rule every
     * built-in kind and every custom resource voiceplane writes follows
     * (https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris); namespaced is
     * whether synth gave the object a namespace.
     */
    static ResourceDefinitionContext context(String apiVersion, String kind, boolean namespaced) {
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
                .withKind(kind)
                .withPlural(Pluralize.toPlural(kind.toLowerCase(Locale.ROOT)))
                .withNamespaced(namespaced)
                .build();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        client.close();
    }
}
