package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.containerregistry.Registry;
import com.pulumi.azurenative.containerregistry.RegistryArgs;
import com.pulumi.azurenative.containerregistry.inputs.SkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The registry the stack's images come from, when {@code voiceplane:images.registry} is an
 * {@code azurecr.io} name: no admin user (nodes pull with their kubelet identity, CI pushes with its
 * own), zone-redundant Premium in production.
 */
public final class ContainerRegistry extends ComponentResource {
    private final Output<String> id;
    private final Output<String> loginServer;

    public ContainerRegistry(String name, String registryName, Output<String> resourceGroup, String location,
                             boolean production, ComponentResourceOptions options) {
        super("voiceplane:azure:ContainerRegistry", name, options);
        // Images are rebuilt from source, so the registry is not protected like the data stores.
        var registry = new Registry(name, RegistryArgs.builder()
                .resourceGroupName(resourceGroup).location(location).registryName(registryName)
                .sku(SkuArgs.builder().name(production ? "Premium" : "Standard").build())
                .adminUserEnabled(false)
                .zoneRedundancy(production ? "Enabled" : "Disabled")
                .build(), child(this));
        this.id = registry.id();
        this.loginServer = registry.loginServer();
        registerOutputs(Map.of("loginServer", loginServer));
    }

    public Output<String> id() {
        return id;
    }

    public Output<String> loginServer() {
        return loginServer;
    }
}
