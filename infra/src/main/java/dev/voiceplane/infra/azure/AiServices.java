package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.cognitiveservices.Account;
import com.pulumi.azurenative.cognitiveservices.AccountArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.AccountPropertiesArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.SkuArgs;
import com.pulumi.azurenative.cognitiveservices.Deployment;
import com.pulumi.azurenative.cognitiveservices.DeploymentArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.DeploymentModelArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.DeploymentPropertiesArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The two Azure AI services ai-ninja's services call (guide: AZURE_SPEECH_KEY/REGION,
 * AZURE_OPENAI_KEY/ENDPOINT): an Azure AI Speech account in the stack's region and an Azure OpenAI
 * account under the custom subdomain {@code AZURE_OPENAI_ENDPOINT} names. Both with local auth off: the
 * services that call them authenticate with Microsoft Entra tokens of their workload identities
 * ({@link AzurePlatform} grants each exactly the role it needs on exactly the account it calls).
 */
public final class AiServices extends ComponentResource {
    /** The model and deployment name the app calls by default (app/azure-openai). */
    public static final String MODEL = "gpt-4o-mini";
    /** The model version (https://learn.microsoft.com/azure/ai-services/openai/concepts/models#gpt-4o-and-gpt-4-turbo). */
    static final String MODEL_VERSION = "2024-07-18";
    static final int CAPACITY_KTPM = 30;
    private final Output<String> openAiEndpoint;
    private final Output<String> speechId;
    private final Output<String> openAiId;

    /** @param openAiSubdomain the first label of {@code voiceplane:config.AZURE_OPENAI_ENDPOINT} */
    public AiServices(String name, String openAiSubdomain, Output<String> resourceGroup, String location,
                      ComponentResourceOptions options) {
        super("voiceplane:azure:AiServices", name, options);
        // Speech to text and text to speech for the realtime processor.
        // Local auth off: no key works, only Microsoft Entra tokens of identities holding a role on the account
        // (https://learn.microsoft.com/azure/ai-services/disable-local-auth). Entra tokens on Speech need the
        // custom subdomain (https://learn.microsoft.com/azure/ai-services/speech-service/how-to-configure-azure-ad-auth).
        var speech = new Account(name + "-speech", AccountArgs.builder()
                .resourceGroupName(resourceGroup).location(location).accountName(name + "-speech")
                .kind("SpeechServices").sku(SkuArgs.builder().name("S0").build())
                .properties(AccountPropertiesArgs.builder().customSubDomainName(name + "-speech").disableLocalAuth(true).build())
                .build(), child(this));
        // The conversation engine's language model.
        var openAi = new Account(name + "-openai", AccountArgs.builder()
                .resourceGroupName(resourceGroup).location(location).accountName(openAiSubdomain)
                .kind("OpenAI").sku(SkuArgs.builder().name("S0").build())
                .properties(AccountPropertiesArgs.builder().customSubDomainName(openAiSubdomain).disableLocalAuth(true).build())
                .build(), child(this));
        // The model the conversation engine asks for by deployment name (AzureOpenAiClient.DEFAULT_DEPLOYMENT in app/azure-openai):
        // an account without a deployment answers every call with DeploymentNotFound.
        new Deployment(name + "-" + MODEL, DeploymentArgs.builder()
                .resourceGroupName(resourceGroup).accountName(openAi.name()).deploymentName(MODEL)
                .properties(DeploymentPropertiesArgs.builder().model(DeploymentModelArgs.builder()
                        .format("OpenAI").name(MODEL).version(MODEL_VERSION).build()).build())
                // Standard (regional) pay-as-you-go, capacity in thousands of tokens per minute.
                .sku(com.pulumi.azurenative.cognitiveservices.inputs.SkuArgs.builder().name("Standard").capacity(CAPACITY_KTPM).build())
                .build(), child(this));
        this.openAiEndpoint = openAi.properties().applyValue(p -> p.endpoint());
        this.speechId = speech.id();
        this.openAiId = openAi.id();
        registerOutputs(Map.of("openAiEndpoint", openAiEndpoint));
    }

    /** The Speech account's resource id: the scope of its callers' role, and part of their Entra tokens' header. */
    public Output<String> speechId() {
        return speechId;
    }

    public Output<String> openAiId() {
        return openAiId;
    }

    public Output<String> openAiEndpoint() {
        return openAiEndpoint;
    }
}
