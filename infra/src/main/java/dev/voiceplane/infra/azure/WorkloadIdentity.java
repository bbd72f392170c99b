package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.managedidentity.FederatedIdentityCredential;
import com.pulumi.azurenative.managedidentity.FederatedIdentityCredentialArgs;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentityArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * A Kubernetes ServiceAccount's Azure identity (https://azure.github.io/azure-workload-identity/): a
 * user-assigned managed identity, a federated credential trusting exactly that account's tokens from
 * the cluster's OIDC issuer, and one role on one scope: nothing else, so a leaked token reaches one
 * vault or one container only.
 */
public final class WorkloadIdentity extends ComponentResource {
    /** The audience Azure AD's token exchange accepts. */
    static final String AUDIENCE = "api://AzureADTokenExchange";

    private final Output<String> clientId;

    /**
     * @param subject  {@code system:serviceaccount:<namespace>:<name>} of the one account trusted
     * @param roleId   the built-in role's GUID (see {@link AzureRoles})
     * @param scope    the resource id the role is granted on
     */
    public WorkloadIdentity(String name, Output<String> resourceGroup, String location, Output<String> issuer,
                            String subject, Output<String> subscriptionId, String roleId, Output<String> scope,
                            ComponentResourceOptions options) {
        super("voiceplane:azure:WorkloadIdentity", name, options);
        // The identity the pod's token is exchanged for.
        var identity = new UserAssignedIdentity(name, UserAssignedIdentityArgs.builder()
                .resourceGroupName(resourceGroup).location(location).resourceName(name).build(), child(this));
        // Trusts one ServiceAccount of this cluster, no other.
        new FederatedIdentityCredential(name + "-federation", FederatedIdentityCredentialArgs.builder()
                .resourceGroupName(resourceGroup).resourceName(identity.name())
                .federatedIdentityCredentialResourceName(name + "-federation")
                .issuer(issuer).subject(subject).audiences(AUDIENCE).build(), child(this));
        // Least privilege: one role, on one resource.
        AzureRoles.assign(this, name + "-role", identity.principalId(), subscriptionId, roleId, scope);
        this.clientId = identity.clientId();
        registerOutputs(Map.of("clientId", clientId));
    }

    /** What the ServiceAccount's azure.workload.identity/client-id annotation (and the stack file) carry. */
    public Output<String> clientId() {
        return clientId;
    }
}
