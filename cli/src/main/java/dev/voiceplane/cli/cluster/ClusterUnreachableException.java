package dev.voiceplane.cli.cluster;

/** The cluster could not be reached or the kubeconfig not read; the message names the kubeconfig and context. */
public final class ClusterUnreachableException extends RuntimeException {

    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
