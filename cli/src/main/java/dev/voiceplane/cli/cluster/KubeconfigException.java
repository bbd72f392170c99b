package dev.voiceplane.cli.cluster;

/** A kubeconfig that cannot be used as it is (malformed, no usable context): bad input, the message names the file and context. */
public final class KubeconfigException extends RuntimeException {

    public KubeconfigException(String message) {
        super(message);
    }
}
