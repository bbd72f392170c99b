package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.cognitiveservices.Account;
import com.pulumi.azurenative.cognitiveservices.AccountArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.AccountPropertiesArgs;
import com.pulumi.azurenative.cognitiveservices.inputs.SkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The two Azure AI services ai-ninja's services call (guide: AZURE_SPEECH_KEY/REGION,
 * AZURE_OPENAI_KEY/ENDPOINT): an Azure AI Speech account in the stack's region and an Azure OpenAI
 * account under the custom subdomain {@code AZURE_OPENAI_ENDPOINT} names. Their keys are copied into
 * Key Vault by an operator; they are not outputs.
 */
public final class AiServices extends ComponentResource {
    private final Output<String> openAiEndpoint;

    /** @param openAiSubdomain the first label of {@code voiceplane:config.AZURE_OPENAI_ENDPOINT} */
    public AiServices(String name, String openAiSubdomain, Output<String> resourceGroup, String location,
                      ComponentResourceOptions options) {
        super("voiceplane:azure:AiServices", name, options);
        // Speech to text and text to speech for the realtime processor.
        new Account(name + "-speech", AccountArgs.builder()
                .resourceGroupName(resourceGroup).location(location).accountName(name + "-speech")
                .kind("SpeechServices").sku(SkuArgs.builder().name("S0").build())
                .properties(AccountPropertiesArgs.builder().customSubDomainName(name + "-speech").build())
                .build(), child(this));
        // The conversation engine's language model.
        var openAi = new Account(name + "-openai", AccountArgs.builder()
                .resourceGroupName(resourceGroup).location(location).accountName(openAiSubdomain)
                .kind("OpenAI").sku(SkuArgs.builder().name("S0").build())
                .properties(AccountPropertiesArgs.builder().customSubDomainName(openAiSubdomain).build())
                .build(), child(this));
        this.openAiEndpoint = openAi.properties().applyValue(p -> p.endpoint());
        registerOutputs(Map.of("openAiEndpoint", openAiEndpoint));
    }

    public Output<String> openAiEndpoint() {
        return openAiEndpoint;
    }
}
