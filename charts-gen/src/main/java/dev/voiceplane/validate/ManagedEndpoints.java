package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Services reach a managed store on the port and protocol the cloud serves. Azure Cache for Redis
 * with the non-TLS port off (infra's setting, and Azure's default) answers TLS on 6380 only
 * (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports); Azure Managed
 * Redis answers TLS on 10000 (https://learn.microsoft.com/azure/redis/best-practices-connection). A client
 * on 6379 gets no answer and every service fails its readiness.
 */
final class ManagedEndpoints {
    static final RuleSpec AZURE_REDIS = RuleSpec.of("managed-redis-tls", Severity.ERROR, Layer.CROSS_OBJECT,
            "clients of Azure Redis use TLS on the port Azure serves (6380 for Azure Cache for Redis, 10000 for Azure Managed Redis), "
                    + "and NetworkPolicies open that port",
            "set REDIS_PORT to 6380 with TLS on, and open egress 6380 instead of 6379",
            "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports").decidedBy("voiceplane:managedStores");

    private ManagedEndpoints() {
    }

    /** The TLS port Azure serves for this host, or 0 when it is not an Azure Redis host. */
    static int azureRedisPort(String host) {
        if (host.endsWith(".redis.cache.windows.net")) {
            return 6380;
        }
        if (host.endsWith(".redis.azure.net")) {
            return 10000;
        }
        return 0;
    }

    static Rule rule() {
        return Rules.of(AZURE_REDIS, (m, f) -> {
            java.util.Set<String> namespaces = new java.util.TreeSet<>();
            int served = 0;
            for (PodTemplate pod : m.declaredPods()) {
                for (Container c : m.containers(pod)) {
                    String host = env(c, "REDIS_HOST");
                    int port = azureRedisPort(resolve(m, pod.namespace(), host));
                    if (port == 0) {
                        continue;
                    }
                    served = port;
                    namespaces.add(pod.namespace());
                    String given = env(c, "REDIS_PORT");
                    if (!given.equals(String.valueOf(port))) {
                        f.add(pod.owner(), c.field("/env/" + index(c, "REDIS_PORT")), c.describe() + " dials Azure Redis " + host + " on "
                                + (given.isEmpty() ? "the default 6379" : given) + "; Azure serves TLS on " + port + " only");
                    }
                    for (String flag : List.of("REDIS_TLS", "REDIS_SSL")) {
                        String tls = env(c, flag);
                        if (!tls.isEmpty() && !tls.equalsIgnoreCase("true")) {
                            f.add(pod.owner(), c.field("/env/" + index(c, flag)), c.describe() + " sets " + flag + "=" + tls + " for Azure Redis, which speaks TLS only");
                        }
                    }
                }
            }
            for (Source p : m.ofKind("NetworkPolicy")) {
                if (!namespaces.contains(p.namespace())) {
                    continue;
                }
                int r = 0;
                for (JsonNode rule : p.at("/spec/egress")) {
                    boolean toBlock = false;
                    for (JsonNode peer : rule.path("to")) {
                        toBlock |= peer.has("ipBlock");
                    }
                    int i = 0;
                    for (JsonNode port : rule.path("ports")) {
                        if (toBlock && port.path("port").asInt() == 6379 && served != 6379) {
                            f.add(p, "/spec/egress/" + r + "/ports/" + i, "opens egress 6379 to the managed Redis network; Azure serves TLS on " + served);
                        }
                        i++;
                    }
                    r++;
                }
            }
        });
    }

    /** A host that names a Service of type ExternalName resolves to that Service's external name. */
    private static String resolve(Model m, String namespace, String host) {
        String name = host.split("\\.")[0];
        return m.find("Service", namespace, name).filter(s -> s.at("/spec/type").asText().equals("ExternalName")
                        && (host.equals(name) || host.startsWith(name + "." + namespace + ".")))
                .map(s -> s.at("/spec/externalName").asText()).orElse(host);
    }

    private static String env(Container c, String name) {
        for (JsonNode e : c.node().path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText("");
            }
        }
        return "";
    }

    private static String index(Container c, String name) {
        int i = 0;
        for (JsonNode e : c.node().path("env")) {
            if (e.path("name").asText().equals(name)) {
                return String.valueOf(i);
            }
            i++;
        }
        return "-";
    }
}
