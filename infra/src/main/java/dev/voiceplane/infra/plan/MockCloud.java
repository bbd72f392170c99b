package dev.voiceplane.infra;

import com.pulumi.test.Mocks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Pulumi mocks standing in for Azure, AWS and Kubernetes: each known resource type answers with its
 * inputs plus the outputs the real provider computes (host names, ARNs, client ids); an unknown type
 * or function throws, so a resource nobody meant to create fails the test instead of passing unseen.
 * Records every resource's inputs for assertions.
 */
final class MockCloud implements Mocks {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "ap-south-1";

    /** One resource the program registered. */
    record Created(String type, String name, Map<String, Object> inputs) {
    }

    private static final Set<String> PLAIN = Set.of(
            "pulumi:providers:aws", "pulumi:providers:kubernetes",
            "azure-native:resources:ResourceGroup", "azure-native:network:VirtualNetwork", "azure-native:network:Subnet",
            "azure-native:network:PrivateZone", "azure-native:network:VirtualNetworkLink", "azure-native:network:PrivateEndpoint",
            "azure-native:network:PrivateDnsZoneGroup", "azure-native:authorization:RoleAssignment",
            "azure-native:dbforpostgresql:Configuration", "azure-native:managedidentity:FederatedIdentityCredential",
            "azure-native:storage:StorageAccount", "azure-native:storage:BlobContainer", "azure-native:storage:ManagementPolicy",
            "aws:kms/alias:Alias", "aws:ec2/vpc:Vpc", "aws:ec2/internetGateway:InternetGateway", "aws:ec2/routeTable:RouteTable",
            "aws:ec2/subnet:Subnet", "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/eip:Eip",
            "aws:ec2/natGateway:NatGateway", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/rolePolicy:RolePolicy",
            "aws:eks/nodeGroup:NodeGroup", "aws:eks/addon:Addon", "aws:s3/bucketVersioningV2:BucketVersioningV2",
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
            "aws:ec2/securityGroup:SecurityGroup", "aws:efs/mountTarget:MountTarget");

    final List<Created> created = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        created.add(new Created(args.type, args.name, args.inputs));
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
            case "azure-native:cache:Redis" -> state.put("hostName", args.inputs.get("name") + ".redis.cache.windows.net");
            case "azure-native:keyvault:Vault" -> {
                Map<String, Object> props = new HashMap<>(map(args.inputs.get("properties")));
                props.put("vaultUri", "https://" + args.inputs.get("vaultName") + ".vault.azure.net/");
                state.put("properties", props);
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
                state.put("arn", "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + name);
                state.put("keyId", name);
            }
            case "aws:iam/role:Role" -> state.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + args.inputs.getOrDefault("name", name));
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" ->
                    state.put("arn", "arn:aws:iam::" + ACCOUNT + ":oidc-provider/oidc.eks." + REGION + ".amazonaws.com/id/TEST");
            case "aws:eks/cluster:Cluster" -> {
                state.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer", "https://oidc.eks." + REGION + ".amazonaws.com/id/TEST")))));
                state.put("endpoint", "https://TEST.eks.amazonaws.com");
                state.put("certificateAuthority", Map.of("data", "Q0E="));
                state.put("vpcConfig", Map.of("clusterSecurityGroupId", "sg-cluster", "subnetIds", List.of()));
            }
            case "aws:s3/bucketV2:BucketV2" -> state.put("arn", "arn:aws:s3:::" + args.inputs.get("bucket"));
            case "aws:efs/fileSystem:FileSystem" -> {
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of("fs-0123456789abcdef0"), state));
            }
            case "aws:secretsmanager/secret:Secret" ->
                    state.put("arn", "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + args.inputs.get("name") + "-AbCdEf");
            case "aws:ecr/repository:Repository" ->
                    state.put("repositoryUrl", ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + args.inputs.get("name"));
            case "kubernetes:helm.sh/v3:Release" -> state.put("status", Map.of("status", "deployed", "name", args.inputs.get("name")));
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

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(switch (args.token) {
            case "azure-native:authorization:getClientConfig" -> Map.of("clientId", "deployer", "objectId", "deployer-object",
                    "subscriptionId", "00000000-0000-0000-0000-000000000001", "tenantId", "00000000-0000-0000-0000-000000000002");
            case "azure-native:containerservice:listManagedClusterUserCredentials" -> Map.of("kubeconfigs", List.of(Map.of(
                    "name", "clusterUser", "value", java.util.Base64.getEncoder().encodeToString("apiVersion: v1\nkind: Config\n".getBytes()))));
            default -> throw new IllegalArgumentException("the mock cloud does not know function " + args.token);
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }
}
