package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.containerservice.ContainerserviceFunctions;
import com.pulumi.azurenative.containerservice.ManagedCluster;
import com.pulumi.azurenative.containerservice.ManagedClusterArgs;
import com.pulumi.azurenative.containerservice.inputs.ContainerServiceNetworkProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ListManagedClusterUserCredentialsArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAgentPoolProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterIdentityArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterOIDCIssuerProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterSKUArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterSecurityProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterSecurityProfileWorkloadIdentityArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAADProfileArgs;
import com.pulumi.azurenative.containerservice.inputs.ManagedClusterAPIServerAccessProfileArgs;
import dev.voiceplane.infra.NodePools;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The AKS cluster: a small system pool for Kubernetes' own add-ons and an autoscaling user pool for
 * the workloads, spread over availability zones 1-3 in production (guide: "Multi-Zone Deployment");
 * Azure CNI powered by Cilium (overlay pod addresses, Cilium network policy: the charts' default-deny
 * NetworkPolicies need an enforcing dataplane, and the stacks declare cilium); the OIDC issuer and
 * workload identity, through which the External Secrets Operator and the backup jobs get Azure tokens
 * without any stored key.
 *
 * <p>Access: local accounts are off (no static admin certificate; every caller is an Entra identity
 * checked by Azure RBAC), and the public API admits only the operator's networks. The kubeconfig
 * therefore runs kubelogin (https://azure.github.io/kubelogin/), which must be on the PATH of whoever
 * runs {@code pulumi up}; the deployer gets the RBAC Cluster Admin role on the cluster (AzurePlatform).
 *
 * <p>Node counts: with autoscaling on, AKS changes each pool's {@code count}; a later run that sends the
 * original count back fails or undoes the autoscaler's work, so the counts are ignored after creation
 * (https://learn.microsoft.com/azure/aks/cluster-autoscaler#enable-the-cluster-autoscaler-on-an-existing-cluster).
 */
public final class AksCluster extends ComponentResource {
    /** Kubernetes' own Service range; must not overlap the VNet, whose addresses pods take under Azure CNI. */
    static final String SERVICE_CIDR = "172.16.0.0/16";
    /** Overlay pod addresses: private to the cluster, outside the VNet and the Service range. */
    static final String POD_CIDR = "192.168.0.0/16";

    private final Output<String> name;
    private final Output<String> id;
    private final Output<String> oidcIssuerUrl;
    private final Output<String> kubeletObjectId;
    private final Output<String> clusterPrincipalId;
    private final Output<String> kubeconfig;

    /**
     * @param production zones, the paid uptime SLA and three system nodes
     */
    public AksCluster(String name, Output<String> resourceGroup, String location, Output<String> nodeSubnetId,
                      NodePools pools, boolean production, java.util.List<String> authorizedCidrs, ComponentResourceOptions options) {
        super("voiceplane:azure:AksCluster", name, options);
        List<String> zones = production ? List.of("1", "2", "3") : List.of();
        // The cluster; both pools inline so one resource describes the node layout.
        var cluster = new ManagedCluster(name, ManagedClusterArgs.builder()
                .resourceGroupName(resourceGroup).location(location).resourceName(name).dnsPrefix(name)
                .enableRBAC(true)
                .identity(ManagedClusterIdentityArgs.builder().type(com.pulumi.azurenative.containerservice.enums.ResourceIdentityType.SystemAssigned).build())
                .sku(ManagedClusterSKUArgs.builder().name("Base").tier(production ? "Standard" : "Free").build())
                .agentPoolProfiles(
                        ManagedClusterAgentPoolProfileArgs.builder()
                                .name("system").mode("System").vmSize("Standard_D2s_v5")
                                .enableAutoScaling(true).count(production ? 3 : 1).minCount(production ? 3 : 1).maxCount(production ? 5 : 3)
                                .availabilityZones(zones).vnetSubnetID(nodeSubnetId).osType("Linux")
                                // Only Kubernetes' own add-ons run here; workloads go to the user pool.
                                .nodeTaints("CriticalAddonsOnly=true:NoSchedule")
                                .build(),
                        ManagedClusterAgentPoolProfileArgs.builder()
                                .name("user").mode("User").vmSize(pools.vmSize())
                                .enableAutoScaling(true).count(pools.min()).minCount(pools.min()).maxCount(pools.max())
                                .availabilityZones(zones).vnetSubnetID(nodeSubnetId).osType("Linux")
                                .build())
                .networkProfile(ContainerServiceNetworkProfileArgs.builder()
                        // https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium
                        .networkPlugin("azure").networkPluginMode("overlay").networkDataplane("cilium").networkPolicy("cilium")
                        .podCidr(POD_CIDR).serviceCidr(SERVICE_CIDR).dnsServiceIP("172.16.0.10").loadBalancerSku("standard")
                        .build())
                .disableLocalAccounts(true)
                .aadProfile(ManagedClusterAADProfileArgs.builder().managed(true).enableAzureRBAC(true).build())
                .apiServerAccessProfile(ManagedClusterAPIServerAccessProfileArgs.builder().authorizedIPRanges(authorizedCidrs).build())
                .oidcIssuerProfile(ManagedClusterOIDCIssuerProfileArgs.builder().enabled(true).build())
                .securityProfile(ManagedClusterSecurityProfileArgs.builder()
                        .workloadIdentity(ManagedClusterSecurityProfileWorkloadIdentityArgs.builder().enabled(true).build())
                        .build())
                // Protected: replacing or deleting the cluster takes every workload and volume attachment with it.
                .build(), CustomResourceOptions.builder().parent(this).protect(true)
                .ignoreChanges(List.of("agentPoolProfiles[0].count", "agentPoolProfiles[1].count")).build());

        this.name = cluster.name();
        this.id = cluster.id();
        this.oidcIssuerUrl = cluster.oidcIssuerProfile().applyValue(p -> p.map(x -> x.issuerURL()).orElse(""));
        this.kubeletObjectId = cluster.identityProfile().applyValue(p -> p.map(m -> m.get("kubeletidentity"))
                .flatMap(i -> i.objectId()).orElse(""));
        this.clusterPrincipalId = cluster.identity().applyValue(i -> i.map(x -> x.principalId()).orElse(""));
        // The user kubeconfig (not admin): pulumi-kubernetes deploys the charts with it.
        this.kubeconfig = Output.tuple(resourceGroup, cluster.name()).apply(t ->
                ContainerserviceFunctions.listManagedClusterUserCredentials(ListManagedClusterUserCredentialsArgs.builder()
                        .resourceGroupName(t.t1).resourceName(t.t2).build()))
                .applyValue(r -> new String(Base64.getDecoder().decode(r.kubeconfigs().get(0).value()), StandardCharsets.UTF_8))
                .asSecret();
        registerOutputs(Map.of("name", this.name, "oidcIssuerUrl", oidcIssuerUrl));
    }

    /** The cluster's resource id (scope of the RBAC Cluster Admin grants). */
    public Output<String> id() {
        return id;
    }

    public Output<String> clusterName() {
        return name;
    }

    public Output<String> oidcIssuerUrl() {
        return oidcIssuerUrl;
    }

    /** The identity nodes pull images as (AcrPull on the registry). */
    public Output<String> kubeletObjectId() {
        return kubeletObjectId;
    }

    /** The cluster's own identity (Network Contributor on its subnet, to attach load balancers). */
    public Output<String> clusterPrincipalId() {
        return clusterPrincipalId;
    }

    public Output<String> kubeconfig() {
        return kubeconfig;
    }
}
