package dev.voiceplane.infra.aws;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;
import java.util.Optional;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * An IAM role for one Kubernetes ServiceAccount (IRSA,
 * https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html): only tokens
 * the cluster's OIDC provider issued for exactly that account, for the STS audience, may assume it,
 * and it carries one policy: an inline one naming only the resources that account needs, or, for the
 * CSI drivers, the AWS-managed policy written for that driver.
 */
public final class ServiceAccountRole extends ComponentResource {
    private final Output<String> arn;

    /**
     * @param roleName      the role's name (fixed, so its ARN is predictable and matches the stack file)
     * @param oidcProviderArn the cluster's IAM OIDC provider
     * @param oidcIssuerHost the issuer URL without https://
     * @param subject       {@code system:serviceaccount:<namespace>:<name>}
     * @param inlinePolicy  the role's permissions as JSON; empty when {@code managedPolicyArn} is set
     * @param managedPolicyArn an AWS-managed policy to attach instead
     */
    public ServiceAccountRole(String name, String roleName, Output<String> oidcProviderArn, Output<String> oidcIssuerHost,
                              String subject, Optional<Output<String>> inlinePolicy, Optional<String> managedPolicyArn,
                              ComponentResourceOptions options) {
        super("voiceplane:aws:ServiceAccountRole", name, options);
        Output<String> trust = Output.tuple(oidcProviderArn, oidcIssuerHost).applyValue(t -> IamPolicy.create()
                .trustWebIdentity(t.t1, Map.of("StringEquals", Map.of(
                        t.t2 + ":sub", subject,
                        t.t2 + ":aud", "sts.amazonaws.com")))
                .json());
        // Assumable by one ServiceAccount of this cluster only.
        var role = new Role(name, RoleArgs.builder().name(roleName).assumeRolePolicy(trust)
                .description("IRSA role of " + subject).build(), child(this));
        inlinePolicy.ifPresent(policy ->
                // The role's only permissions.
                new RolePolicy(name + "-policy", RolePolicyArgs.builder().role(role.name()).policy(policy).build(), child(this)));
        managedPolicyArn.ifPresent(arn ->
                // AWS maintains this policy alongside the add-on that needs it.
                new RolePolicyAttachment(name + "-policy", RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(arn).build(),
                        child(this)));
        this.arn = role.arn();
        registerOutputs(Map.of("arn", arn));
    }

    public Output<String> arn() {
        return arn;
    }
}
