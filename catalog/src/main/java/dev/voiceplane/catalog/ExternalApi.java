package dev.voiceplane.catalog;

/**
 * A cloud API outside the cluster that a service calls over HTTPS. Declaring it is what earns a
 * service an egress rule to port 443; services that declare none get no internet egress at all.
 */
public enum ExternalApi {
    AZURE_SPEECH,
    AZURE_OPENAI,
    OBJECT_STORAGE,
    /** Amazon Transcribe, Amazon Polly and S3 in the stack's region (BharatVoice's voice queries). */
    AWS_SPEECH
}
