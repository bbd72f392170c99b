package dev.voiceplane.infra.aws;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.holdsData;

/**
 * The Secrets Manager secret the charts' ExternalSecrets read: one JSON secret named
 * {@code <system>/<environment>} whose properties are the Secret keys (charts-gen's VaultSecrets). Only
 * the container is created here: no version, no value. Operators put the value
 * ({@code aws secretsmanager put-secret-value}, infra/README.md), so no secret is ever in code, state
 * or logs. A deleted secret stays recoverable for 30 days.
 */
public final class AppSecrets extends ComponentResource {
    static final int RECOVERY_WINDOW_DAYS = 30;

    private final Output<String> arn;

    /** @param secretName {@code <system>/<environment>}, the remoteRef key VaultSecrets writes */
    public AppSecrets(String name, String secretName, ComponentResourceOptions options) {
        super("voiceplane:aws:AppSecrets", name, options);
        // Holds every credential of the system: protected and retained.
        var secret = new Secret(name, SecretArgs.builder().name(secretName)
                .description("Secrets of " + secretName + " read by the External Secrets Operator; values set by operators")
                .recoveryWindowInDays(RECOVERY_WINDOW_DAYS).build(), holdsData(this));
        this.arn = secret.arn();
        registerOutputs(Map.of("arn", arn));
    }

    public Output<String> arn() {
        return arn;
    }
}
