package dev.voiceplane.charts;

import java.util.Objects;
import org.cdk8s.plus33.ServiceAccount;
import software.constructs.IConstruct;

/**
 * Binds a service's pods to an Azure workload identity (https://azure.github.io/azure-workload-identity/docs/):
 * its ServiceAccount carries the identity's client id, and its pods the label that has AKS's webhook project
 * a token for that account and set {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID},
 * {@code AZURE_FEDERATED_TOKEN_FILE} and {@code AZURE_AUTHORITY_HOST} (the catalog's PLATFORM variables).
 * The identity itself, and the federated credential trusting exactly this ServiceAccount, are infra's.
 */
public final class WorkloadIdentityBinding {
    /** https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html */
    public static final String CLIENT_ID = "azure.workload.identity/client-id";
    public static final String USE = "azure.workload.identity/use";

    private WorkloadIdentityBinding() {
    }

    /** Annotates {@code service}'s ServiceAccount with {@code clientId} and labels its pods for the webhook. */
    public static void bind(ComponentCharts charts, Microservice service, String serviceName, String clientId) {
        Objects.requireNonNull(service, () -> "no service '" + serviceName + "' in the system to bind a workload identity to");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("service '" + serviceName + "': empty workload identity client id");
        }
        IConstruct account = charts.get(Component.CONFIG_SECURITY).getNode().tryFindChild(serviceName + "-service-account");
        if (!(account instanceof ServiceAccount sa)) {
            throw new IllegalStateException("service '" + serviceName + "' has no ServiceAccount of its own to bind");
        }
        sa.getMetadata().addAnnotation(CLIENT_ID, clientId);
        service.deployment().getPodMetadata().addLabel(USE, "true");
    }
}
