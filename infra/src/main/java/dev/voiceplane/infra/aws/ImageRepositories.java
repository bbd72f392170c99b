package dev.voiceplane.infra.aws;

import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * An ECR repository for each image the synthesized manifests pull from the stack's registry: tags
 * immutable (the stacks pin a tag; it must always mean the same image), scanned on push (guide:
 * "Security scanning of base images"), KMS-encrypted.
 */
public final class ImageRepositories extends ComponentResource {
    private final Output<String> registry;

    /**
     * @param name         the stack's name: every repository lives under {@code <name>/}, because ECR
     *                     names are unique per account and region and both BharatVoice stacks share both
     * @param repositories e.g. bharatvoice/assistant, voiceplane/backup-tools
     */
    public ImageRepositories(String name, List<String> repositories, ComponentResourceOptions options) {
        super("voiceplane:aws:ImageRepositories", name, options);
        Output<String> first = null;
        for (String repository : repositories) {
            // Where CI pushes this image and the nodes pull it from.
            var repo = new Repository(name + "-" + repository.replace('/', '-'), RepositoryArgs.builder().name(name + "/" + repository)
                    .imageTagMutability("IMMUTABLE")
                    .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder().scanOnPush(true).build())
                    .encryptionConfigurations(RepositoryEncryptionConfigurationArgs.builder().encryptionType("KMS").build())
                    .build(), child(this));
            if (first == null) {
                first = repo.repositoryUrl().applyValue(url -> url.substring(0, url.indexOf('/')) + "/" + name);
            }
        }
        this.registry = first == null ? Output.of("") : first;
        registerOutputs(Map.of("registry", registry));
    }

    /** The registry prefix images are pulled from: {@code <account>.dkr.ecr.<region>.amazonaws.com/<stack>}. */
    public Output<String> registry() {
        return registry;
    }
}
