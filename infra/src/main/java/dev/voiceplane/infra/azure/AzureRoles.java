package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.authorization.RoleAssignment;
import com.pulumi.azurenative.authorization.RoleAssignmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The built-in Azure roles infra grants, each the narrowest that does the job
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 */
public final class AzureRoles {
    /** Read secret values, nothing else (not keys, not certificates, no writes). */
    public static final String KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
    /** Read, write and delete blobs: the narrowest built-in role that can upload. */
    public static final String STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    /** Pull images, not push. */
    public static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    /** Join and read the subnet, which AKS needs to place load balancers and node NICs in a custom VNet. */
    public static final String NETWORK_CONTRIBUTOR = "4d97b98b-1d4f-4787-a291-c67834d212e7";

    /**
     * Call the Speech APIs with a Microsoft Entra token, nothing else (no keys, no management): the role the
     * Speech docs name for Entra authentication (https://learn.microsoft.com/azure/ai-services/speech-service/how-to-configure-azure-ad-auth#assign-roles).
     */
    public static final String SPEECH_USER = "f2dc8367-1007-4938-bd23-fe263f013447";
    /** Call Azure OpenAI's inference APIs with a Microsoft Entra token; no keys, no deployments (https://learn.microsoft.com/azure/ai-services/openai/how-to/role-based-access-control). */
    public static final String OPENAI_USER = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";

    /** Full Kubernetes access through Azure RBAC on an AKS cluster whose local accounts are off. */
    public static final String AKS_RBAC_CLUSTER_ADMIN = "b1ff04bb-8a4e-4dc4-8eb5-4693a6e6f5a3";

    private AzureRoles() {
    }

    /** Grants {@code roleId} on {@code scope} to a service principal, as a child of {@code parent}. */
    static RoleAssignment assign(Resource parent, String name, Output<String> principalId, Output<String> subscriptionId,
                                 String roleId, Output<String> scope) {
        return assign(parent, name, principalId, "ServicePrincipal", subscriptionId, roleId, scope);
    }

    /** As above for a principal of another type ({@code User}, {@code Group}), or of a type not known here (null). */
    static RoleAssignment assign(Resource parent, String name, Output<String> principalId, String principalType,
                                 Output<String> subscriptionId, String roleId, Output<String> scope) {
        var args = RoleAssignmentArgs.builder().principalId(principalId).scope(scope);
        if (principalType != null) {
            args.principalType(principalType);
        }
        return new RoleAssignment(name, args
                .roleDefinitionId(subscriptionId.applyValue(s ->
                        "/subscriptions/" + s + "/providers/Microsoft.Authorization/roleDefinitions/" + roleId))
                .build(), child(parent));
    }
}
