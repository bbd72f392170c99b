package dev.voiceplane.systems;

import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.charts.AcmeIssuers;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.IngressGateway;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.TlsIssuer;

/** The public edge of a stack: the ACME issuers when it serves TLS, and the system's gateway. */
final class SystemEdge {
    private SystemEdge() {
    }

    /** The gateway's props as the stack sets them; each system adds its own paths. */
    static IngressGateway.Props.Builder gateway(StackConfig stack) {
        return IngressGateway.Props.builder(stack.system().id(), stack.namespace(), stack.domain(), ServiceCatalog.of(stack.system()))
                .tls(stack.tls())
                .mesh(stack.istio());
    }

    static IngressGateway add(ComponentCharts charts, IngressGateway.Props.Builder gateway) {
        StackConfig stack = charts.stack();
        if (stack.tls() != TlsIssuer.NONE) {
            // Cluster-wide: shared by the systems on the cluster, installed by infra after cert-manager.
            new AcmeIssuers(charts.get(Component.CLUSTER), "acme-issuers", AcmeIssuers.Props.builder(stack.acmeEmail()).build());
        }
        return new IngressGateway(charts.get(Component.INGRESS), "gateway", gateway.build());
    }
}
