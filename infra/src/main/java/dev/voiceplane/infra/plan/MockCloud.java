package dev.voiceplane.infra.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.Mocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulumi mocks standing in for Azure, AWS and Kubernetes, for tests and {@code voiceplane plan}: each
 * known resource type answers with its inputs plus the outputs the real provider computes (host names,
 * ARNs, client ids); an unknown type or function throws, so a resource nobody meant to create fails
 * the run instead of passing unseen. Where the real provider would refuse an input the program relies
 * on, the mock refuses it too ({@link #refusal}), citing the provider's documentation. Records every
 * resource's inputs and the provider it was registered with.
 */
public final class MockCloud implements Mocks {
    /** The account the mock's credentials belong to: not a value any stack file or README example uses. */
    public static final String ACCOUNT = "210987654321";
    public static final String REGION = "ap-south-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html#ECR-CreateRepository-request-repositoryName */
    private static final Pattern ECR_NAME = Pattern.compile("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$");
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3}\\.){3}\\d{1,3}$");
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^version: (\\S+)$");

    /** One resource the program registered, with the provider reference it was registered with (empty for none). */
    public record Created(String type, String name, Map<String, Object> inputs, String provider) {
    }

    private static final Set<String> PLAIN = Set.of(
            "pulumi:providers:aws", "pulumi:providers:kubernetes",
            "azure-native:resources:ResourceGroup", "azure-native:network:VirtualNetwork", "azure-native:network:Subnet",
            "azure-native:network:PrivateZone", "azure-native:network:VirtualNetworkLink", "azure-native:network:PrivateEndpoint",
            "azure-native:network:PrivateDnsZoneGroup", "azure-native:authorization:RoleAssignment",
            "azure-native:dbforpostgresql:Configuration", "azure-native:managedidentity:FederatedIdentityCredential",
            "azure-native:storage:StorageAccount", "azure-native:storage:BlobContainer", "azure-native:storage:ManagementPolicy",
            "azure-native:storage:BlobServiceProperties", "azure-native:cognitiveservices:Deployment",
            "aws:kms/alias:Alias", "aws:ec2/vpc:Vpc", "aws:ec2/internetGateway:InternetGateway", "aws:ec2/routeTable:RouteTable",
            "aws:ec2/subnet:Subnet", "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/eip:Eip",
            "aws:ec2/natGateway:NatGateway", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/rolePolicy:RolePolicy",
            "aws:eks/nodeGroup:NodeGroup", "aws:eks/addon:Addon", "aws:eks/accessEntry:AccessEntry",
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "aws:s3/bucketVersioningV2:BucketVersioningV2",
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
            "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
            "aws:ec2/securityGroup:SecurityGroup", "aws:efs/mountTarget:MountTarget", "kubernetes:core/v1:Secret",
            "aws:route53/record:Record", "azure-native:network:RecordSet", "azure-native:operationalinsights:Workspace",
            "azure-native:insights:DiagnosticSetting", "azure-native:dbforpostgresql:Database", "azure-native:keyvault:Secret",
            "kubernetes:core/v1:Namespace", "kubernetes:core/v1:ConfigMap", "kubernetes:batch/v1:Job");

    private final String callerAccount;
    private final List<Created> created = new ArrayList<>();

    /** A cloud whose credentials are for {@link #ACCOUNT}. */
    public MockCloud() {
        this(ACCOUNT);
    }

    /** @param callerAccount the account the mock's AWS credentials belong to (getCallerIdentity) */
    public MockCloud(String callerAccount) {
        this.callerAccount = callerAccount;
    }

    public synchronized List<Created> created() {
        return List.copyOf(created);
    }

    @Override
    public synchronized CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        refusal(args.type, args.inputs).ifPresent(why -> {
            throw new IllegalArgumentException(args.type + " " + args.name + ": the provider would refuse this: " + why);
        });
        created.add(new Created(args.type, args.name, args.inputs, args.provider == null ? "" : args.provider));
        Map<String, Object> state = new HashMap<>(args.inputs);
        String name = args.name;
        switch (args.type) {
            case "azure-native:containerservice:ManagedCluster" -> {
                state.put("oidcIssuerProfile", Map.of("enabled", true, "issuerURL", "https://oidc.example/" + name + "/"));
                state.put("identity", Map.of("type", "SystemAssigned", "principalId", "cluster-principal", "tenantId", "tenant"));
                state.put("identityProfile", Map.of("kubeletidentity", Map.of("objectId", "kubelet-object")));
            }
            case "azure-native:dbforpostgresql:Server" ->
                    state.put("fullyQualifiedDomainName", args.inputs.get("serverName") + ".postgres.database.azure.com");
            case "azure-native:cache:Redis" -> {
                state.put("hostName", args.inputs.get("name") + ".redis.cache.windows.net");
                // Azure answers user-assigned identities as a map from resource id to the identity's ids.
                Map<String, Object> identity = map(args.inputs.get("identity"));
                if (!identity.isEmpty()) {
                    Map<String, Object> assigned = new java.util.TreeMap<>();
                    list(identity.get("userAssignedIdentities")).forEach(id -> assigned.put(String.valueOf(id),
                            Map.of("principalId", "principal-" + hex(String.valueOf(id), 8), "clientId", "client-" + hex(String.valueOf(id), 8))));
                    Map<String, Object> out = new HashMap<>(identity);
                    out.put("userAssignedIdentities", assigned);
                    state.put("identity", out);
                }
            }
            case "azure-native:keyvault:Vault" -> {
                Map<String, Object> props = new HashMap<>(map(args.inputs.get("properties")));
                props.put("vaultUri", "https://" + args.inputs.get("vaultName") + ".vault.azure.net/");
                state.put("properties", props);
                // Azure's name is the vault's, not the Pulumi resource's.
                state.put("name", args.inputs.get("vaultName"));
            }
            case "azure-native:managedidentity:UserAssignedIdentity" -> {
                state.put("clientId", "client-" + name);
                state.put("principalId", "principal-" + name);
            }
            case "azure-native:cognitiveservices:Account" -> {
                Map<String, Object> props = new HashMap<>(map(args.inputs.get("properties")));
                props.put("endpoint", "https://" + props.get("customSubDomainName") + ".openai.azure.com/");
                state.put("properties", props);
            }
            case "azure-native:containerregistry:Registry" -> state.put("loginServer", args.inputs.get("registryName") + ".azurecr.io");
            case "aws:kms/key:Key" -> {
                state.put("arn", "arn:aws:kms:" + REGION + ":" + callerAccount + ":key/" + name);
                state.put("keyId", name);
            }
            case "aws:iam/role:Role" -> state.put("arn", "arn:aws:iam::" + callerAccount + ":role/" + args.inputs.getOrDefault("name", name));
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" ->
                    state.put("arn", "arn:aws:iam::" + callerAccount + ":oidc-provider/oidc.eks." + REGION + ".amazonaws.com/id/TEST");
            case "aws:eks/cluster:Cluster" -> {
                state.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer", "https://oidc.eks." + REGION + ".amazonaws.com/id/TEST")))));
                state.put("endpoint", "https://TEST.eks.amazonaws.com");
                state.put("certificateAuthority", Map.of("data", "Q0E="));
                state.put("vpcConfig", Map.of("clusterSecurityGroupId", "sg-cluster", "subnetIds", List.of()));
            }
            case "aws:s3/bucketV2:BucketV2" -> state.put("arn", "arn:aws:s3:::" + args.inputs.get("bucket"));
            case "aws:efs/fileSystem:FileSystem" -> {
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of("fs-0" + hex(name, 16)), state));
            }
            case "aws:secretsmanager/secret:Secret" ->
                    state.put("arn", "arn:aws:secretsmanager:" + REGION + ":" + callerAccount + ":secret:" + args.inputs.get("name") + "-AbCdEf");
            case "aws:ecr/repository:Repository" ->
                    state.put("repositoryUrl", callerAccount + ".dkr.ecr." + REGION + ".amazonaws.com/" + args.inputs.get("name"));
            case "kubernetes:helm.sh/v3:Release" -> state.put("status", Map.of("status", "deployed", "name", args.inputs.get("name")));
            // A read of the ingress controller's Service (Service.get): its load balancer's address,
            // an IP as Azure gives it and a host name as AWS does.
            case "kubernetes:core/v1:Service" -> {
                if (args.id == null || args.id.isEmpty()) {
                    throw new IllegalArgumentException("the mock cloud only reads Services, it does not create them (" + name + ")");
                }
                state.put("status", Map.of("loadBalancer", Map.of("ingress", List.of(Map.of(
                        "ip", "203.0.113.10", "hostname", "k8s-ingress-" + hex(name, 8) + ".elb." + REGION + ".amazonaws.com")))));
            }
            case "azure-native:network:Zone" -> state.put("nameServers", List.of("ns1-01.azure-dns.com.", "ns2-01.azure-dns.net."));
            case "aws:route53/zone:Zone" -> {
                state.put("zoneId", "Z" + hex(name, 12).toUpperCase());
                state.put("nameServers", List.of("ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"));
            }
            default -> {
                // Our own components are registered too; anything else must be a type listed above.
                if (!PLAIN.contains(args.type) && !args.type.startsWith("voiceplane:")) {
                    throw new IllegalArgumentException("the mock cloud does not know resource type " + args.type + " (" + name + ")");
                }
            }
        }
        state.putIfAbsent("name", name);
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(name + "-id"), state));
    }

    /**
     * Why the real provider would refuse these inputs, for the properties the program relies on; empty
     * when it would accept them.
     */
    public static Optional<String> refusal(String type, Map<String, Object> in) {
        switch (type) {
            case "azure-native:dbforpostgresql:Server" -> {
                // azure-native 2.10.0's schema enumerates ServerVersion 11-14; the provider rejects others.
                List<String> known = Arrays.stream(com.pulumi.azurenative.dbforpostgresql.enums.ServerVersion.values())
                        .map(v -> v.getValue()).toList();
                if (!known.contains(String.valueOf(in.get("version")))) {
                    return Optional.of("PostgreSQL version '" + in.get("version") + "' is not one of " + known);
                }
            }
            case "azure-native:containerservice:ManagedCluster" -> {
                for (Object p : list(in.get("agentPoolProfiles"))) {
                    Map<String, Object> pool = map(p);
                    // https://learn.microsoft.com/azure/aks/cluster-autoscaler: min and max with autoscaling on.
                    if (Boolean.TRUE.equals(pool.get("enableAutoScaling")) && (pool.get("minCount") == null || pool.get("maxCount") == null)) {
                        return Optional.of("pool " + pool.get("name") + " autoscales without minCount/maxCount");
                    }
                }
                // https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad: only with managed Entra ID.
                if (Boolean.TRUE.equals(in.get("disableLocalAccounts")) && !Boolean.TRUE.equals(map(in.get("aadProfile")).get("managed"))) {
                    return Optional.of("disableLocalAccounts needs aadProfile.managed");
                }
                // https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium: the Cilium dataplane enforces with Cilium only.
                Map<String, Object> net = map(in.get("networkProfile"));
                if ("cilium".equals(net.get("networkDataplane")) && !"cilium".equals(net.get("networkPolicy"))) {
                    return Optional.of("networkDataplane cilium needs networkPolicy cilium");
                }
            }
            case "aws:eks/addon:Addon" -> {
                Object values = in.get("configurationValues");
                if (values != null) {
                    try {
                        JSON.readTree(values.toString());
                    } catch (java.io.IOException e) {
                        return Optional.of("configurationValues is not JSON");
                    }
                }
            }
            case "aws:ecr/repository:Repository" -> {
                String name = String.valueOf(in.get("name"));
                if (!ECR_NAME.matcher(name).matches() || name.length() > 256) {
                    return Optional.of("'" + name + "' is not a repository name");
                }
            }
            case "kubernetes:helm.sh/v3:Release" -> {
                return helmRefusal(in);
            }
            case "azure-native:insights:DiagnosticSetting" -> {
                // A setting sends somewhere and sends something (https://learn.microsoft.com/rest/api/monitor/diagnostic-settings/create-or-update).
                if (in.get("workspaceId") == null || list(in.get("logs")).isEmpty()) {
                    return Optional.of("a diagnostic setting needs a destination and at least one log category");
                }
            }
            case "azure-native:network:RecordSet" -> {
                for (Object a : list(in.get("aRecords"))) {
                    String ip = String.valueOf(map(a).get("ipv4Address"));
                    if (!IPV4.matcher(ip).matches()) {
                        return Optional.of("A record value '" + ip + "' is not an IPv4 address");
                    }
                }
            }
            case "azure-native:cache:Redis" -> {
                return redisRefusal(in);
            }
            case "azure-native:cognitiveservices:Account" -> {
                // Entra tokens reach an account only through its custom subdomain; without one and without keys nothing can call it
                // (https://learn.microsoft.com/azure/ai-services/authentication#authenticate-with-microsoft-entra-id).
                Map<String, Object> props = map(in.get("properties"));
                if (Boolean.TRUE.equals(props.get("disableLocalAuth")) && String.valueOf(props.getOrDefault("customSubDomainName", "")).isBlank()) {
                    return Optional.of("disableLocalAuth without a customSubDomainName leaves no way to authenticate");
                }
            }
            case "azure-native:keyvault:Secret" -> {
                String secretName = String.valueOf(in.get("secretName"));
                if (!dev.voiceplane.infra.azure.VaultSecret.NAME.matcher(secretName).matches()) {
                    return Optional.of("'" + secretName + "' is not a Key Vault secret name (https://learn.microsoft.com/azure/templates/microsoft.keyvault/vaults/secrets)");
                }
            }
            case "kubernetes:batch/v1:Job" -> {
                // A Job's pods end: the API refuses restartPolicy Always (https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template).
                Object restart = map(map(map(in.get("spec")).get("template")).get("spec")).get("restartPolicy");
                if (!"Never".equals(restart) && !"OnFailure".equals(restart)) {
                    return Optional.of("a Job's restartPolicy must be Never or OnFailure, got " + restart);
                }
            }
            case "aws:route53/record:Record" -> {
                // A CNAME names another host (RFC 1034 3.6.2); Route 53 rejects an IP as its value.
                if ("CNAME".equals(in.get("type")) && list(in.get("records")).stream().anyMatch(r -> IPV4.matcher(String.valueOf(r)).matches())) {
                    return Optional.of("a CNAME record's value must be a host name, not an IP");
                }
            }
            default -> {
            }
        }
        return Optional.empty();
    }

    /**
     * Azure Cache for Redis persistence (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-premium-persistence):
     * Premium only; RDB or AOF, not both; AOF not with more than one replica; RDB at one of the offered
     * intervals; a managed identity to write with when that is the chosen method.
     */
    private static Optional<String> redisRefusal(Map<String, Object> in) {
        Map<String, Object> config = map(in.get("redisConfiguration"));
        boolean rdb = "true".equals(config.get("rdbBackupEnabled"));
        boolean aof = "true".equals(config.get("aofBackupEnabled"));
        if (!rdb && !aof) {
            return Optional.empty();
        }
        if (!"Premium".equals(map(in.get("sku")).get("name"))) {
            return Optional.of("persistence needs the Premium tier, got " + map(in.get("sku")).get("name"));
        }
        if (rdb && aof) {
            return Optional.of("RDB and AOF persistence cannot both be on");
        }
        Object replicas = in.get("replicasPerPrimary");
        if (aof && replicas instanceof Number n && n.intValue() > 1) {
            return Optional.of("AOF persistence is not supported with more than one replica, got " + n.intValue());
        }
        if (rdb && !Set.of("15", "30", "60", "360", "720", "1440").contains(String.valueOf(config.get("rdbBackupFrequency")))) {
            return Optional.of("rdbBackupFrequency must be 15, 30, 60, 360, 720 or 1440 minutes, got " + config.get("rdbBackupFrequency"));
        }
        if ("ManagedIdentity".equals(config.get("preferredDataPersistenceAuthMethod")) && map(in.get("identity")).isEmpty()) {
            return Optional.of("persistence with ManagedIdentity needs an identity on the cache");
        }
        return Optional.empty();
    }

    /** A repository chart must be pinned; a local chart must exist, with the version the release asks for. */
    private static Optional<String> helmRefusal(Map<String, Object> in) {
        String chart = String.valueOf(in.get("chart"));
        Object version = in.get("version");
        if (in.get("repositoryOpts") != null) {
            return version == null || version.toString().isBlank()
                    ? Optional.of("chart " + chart + " from a repository without a version floats to whatever is newest")
                    : Optional.empty();
        }
        Path chartYaml = Path.of(chart).resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
            return Optional.of("no chart at " + chart);
        }
        try {
            Matcher m = VERSION_LINE.matcher(Files.readString(chartYaml));
            if (version != null && (!m.find() || !m.group(1).equals(version.toString()))) {
                return Optional.of("the local chart's version is not the release's " + version);
            }
        } catch (java.io.IOException e) {
            return Optional.of("cannot read " + chartYaml + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(switch (args.token) {
            case "azure-native:authorization:getClientConfig" -> Map.of("clientId", "deployer", "objectId", "deployer-object",
                    "subscriptionId", "00000000-0000-0000-0000-000000000001", "tenantId", "00000000-0000-0000-0000-000000000002");
            case "azure-native:containerservice:listManagedClusterUserCredentials" -> Map.of("kubeconfigs", List.of(Map.of(
                    "name", "clusterUser", "value", java.util.Base64.getEncoder().encodeToString("apiVersion: v1\nkind: Config\n".getBytes()))));
            // The cache's access keys (https://learn.microsoft.com/rest/api/redis/redis/list-keys).
            case "azure-native:cache:listRedisKeys" -> Map.of("primaryKey", "mock-redis-primary-key",
                    "secondaryKey", "mock-redis-secondary-key");
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of("accountId", callerAccount,
                    "arn", "arn:aws:iam::" + callerAccount + ":user/deployer", "userId", "AIDADEPLOYER", "id", callerAccount);
            default -> throw new IllegalArgumentException("the mock cloud does not know function " + args.token);
        });
    }

    /** A stable hex string derived from {@code seed}: ids differ per resource name, so two stacks never share one. */
    static String hex(String seed, int length) {
        String h = Integer.toHexString(seed.hashCode() & 0x7fffffff) + Integer.toHexString(new StringBuilder(seed).reverse().toString().hashCode() & 0x7fffffff);
        return (h + "0000000000000000").substring(0, length);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
