package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.network.PrivateZone;
import com.pulumi.azurenative.network.PrivateZoneArgs;
import com.pulumi.azurenative.network.Subnet;
import com.pulumi.azurenative.network.SubnetArgs;
import com.pulumi.azurenative.network.VirtualNetwork;
import com.pulumi.azurenative.network.VirtualNetworkArgs;
import com.pulumi.azurenative.network.VirtualNetworkLink;
import com.pulumi.azurenative.network.VirtualNetworkLinkArgs;
import com.pulumi.resources.Resource;
import com.pulumi.azurenative.network.inputs.AddressSpaceArgs;
import com.pulumi.azurenative.network.inputs.DelegationArgs;
import com.pulumi.azurenative.network.inputs.ServiceEndpointPropertiesFormatArgs;
import com.pulumi.azurenative.network.inputs.SubResourceArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.voiceplane.infra.Cidr;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The private network the cluster and the managed stores share: one virtual network over the stack's
 * {@code voiceplane:managedStores.cidr} (the range the charts' NetworkPolicies open egress to), a
 * subnet for AKS nodes and pods (first quarter), one delegated to PostgreSQL flexible server, one
 * for private endpoints; and the private DNS zones the stores' names resolve through.
 */
public final class AzureNetwork extends ComponentResource {
    private VirtualNetworkLink lastLink;
    private final VirtualNetworkLink postgresDnsLink;
    private final Output<String> vnetId;
    private final Output<String> nodeSubnetId;
    private final Output<String> postgresSubnetId;
    private final Output<String> endpointSubnetId;
    private final Output<String> postgresDnsZoneId;
    private final Output<String> redisDnsZoneId;

    /**
     * @param cidr the stack's private range; at most a /22 so that its quarter holds an AKS subnet
     */
    public AzureNetwork(String name, Output<String> resourceGroup, String location, Cidr cidr, ComponentResourceOptions options) {
        super("voiceplane:azure:Network", name, options);
        // One address space for nodes, pods (Azure CNI gives pods VNet addresses) and private endpoints.
        var vnet = new VirtualNetwork(name + "-vnet", VirtualNetworkArgs.builder()
                .resourceGroupName(resourceGroup).location(location)
                .addressSpace(AddressSpaceArgs.builder().addressPrefixes(cidr.toString()).build())
                .build(), child(this));
        // Nodes and pods; service endpoints let the vault and the backup account admit this subnet only.
        var nodes = new Subnet(name + "-aks", SubnetArgs.builder()
                .resourceGroupName(resourceGroup).virtualNetworkName(vnet.name())
                .addressPrefix(cidr.subnet(2, 0).toString())
                .serviceEndpoints(
                        ServiceEndpointPropertiesFormatArgs.builder().service("Microsoft.KeyVault").build(),
                        ServiceEndpointPropertiesFormatArgs.builder().service("Microsoft.Storage").build())
                .build(), child(this));
        // PostgreSQL flexible server's private access needs a subnet delegated to it alone.
        var postgres = new Subnet(name + "-postgres", SubnetArgs.builder()
                .resourceGroupName(resourceGroup).virtualNetworkName(vnet.name())
                .addressPrefix(cidr.subnet(6, 16).toString())
                .delegations(DelegationArgs.builder().name("postgres")
                        .serviceName("Microsoft.DBforPostgreSQL/flexibleServers").build())
                .build(), CustomOrder.after(this, nodes));
        // Private endpoints (Redis) live outside the delegated subnet.
        var endpoints = new Subnet(name + "-endpoints", SubnetArgs.builder()
                .resourceGroupName(resourceGroup).virtualNetworkName(vnet.name())
                .addressPrefix(cidr.subnet(6, 17).toString())
                .build(), CustomOrder.after(this, postgres));
        // The flexible server registers its private address here; the name must end in the service's zone.
        var pgZone = privateZone(name + "-postgres-dns", resourceGroup, "private.postgres.database.azure.com", vnet);
        this.postgresDnsLink = lastLink;
        // Redis' private endpoint answers under the privatelink zone its public name CNAMEs to.
        var redisZone = privateZone(name + "-redis-dns", resourceGroup, "privatelink.redis.cache.windows.net", vnet);

        this.vnetId = vnet.id();
        this.nodeSubnetId = nodes.id();
        this.postgresSubnetId = postgres.id();
        this.endpointSubnetId = endpoints.id();
        this.postgresDnsZoneId = pgZone.id();
        this.redisDnsZoneId = redisZone.id();
        registerOutputs(Map.of("vnetId", vnetId, "nodeSubnetId", nodeSubnetId));
    }

    private PrivateZone privateZone(String name, Output<String> resourceGroup, String zone, VirtualNetwork vnet) {
        var z = new PrivateZone(name, PrivateZoneArgs.builder()
                .resourceGroupName(resourceGroup).location("global").privateZoneName(zone).build(), child(this));
        // Without the link, names in the zone do not resolve from the cluster.
        lastLink = new VirtualNetworkLink(name + "-link", VirtualNetworkLinkArgs.builder()
                .resourceGroupName(resourceGroup).location("global").privateZoneName(z.name())
                .virtualNetwork(SubResourceArgs.builder().id(vnet.id()).build())
                .registrationEnabled(false).build(), child(this));
        return z;
    }

    /**
     * The PostgreSQL zone's link to the VNet: a flexible server with private access validates that its
     * zone is linked when it is created, and fails otherwise
     * (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private#private-dns-zone-and-virtual-network-peering).
     */
    public Resource postgresDnsLink() {
        return postgresDnsLink;
    }

    public Output<String> vnetId() {
        return vnetId;
    }

    public Output<String> nodeSubnetId() {
        return nodeSubnetId;
    }

    public Output<String> postgresSubnetId() {
        return postgresSubnetId;
    }

    public Output<String> endpointSubnetId() {
        return endpointSubnetId;
    }

    public Output<String> postgresDnsZoneId() {
        return postgresDnsZoneId;
    }

    public Output<String> redisDnsZoneId() {
        return redisDnsZoneId;
    }
}
