package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.insights.DiagnosticSetting;
import com.pulumi.azurenative.insights.DiagnosticSettingArgs;
import com.pulumi.azurenative.insights.inputs.LogSettingsArgs;
import com.pulumi.azurenative.operationalinsights.Workspace;
import com.pulumi.azurenative.operationalinsights.WorkspaceArgs;
import com.pulumi.azurenative.operationalinsights.inputs.WorkspaceSkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * Where the stack's Azure resources send their audit logs: one Log Analytics workspace, and per
 * resource a diagnostic setting with the categories that say who did what (the AKS API server's
 * audit of writes and Entra sign-ins, Key Vault's access events, PostgreSQL's server log, blob
 * writes and deletes of the backups). Without a diagnostic setting Azure keeps none of these
 * (https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings).
 */
public final class DiagnosticLogs extends ComponentResource {
    /** Days the workspace keeps logs: a year in production, a month elsewhere. */
    static final int PRODUCTION_DAYS = 365;
    static final int OTHER_DAYS = 30;

    /** https://learn.microsoft.com/azure/aks/monitor-aks-reference#resource-logs */
    public static final List<String> AKS = List.of("kube-audit-admin", "guard");
    /** https://learn.microsoft.com/azure/key-vault/general/logging */
    public static final List<String> KEY_VAULT = List.of("AuditEvent");
    /** https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-logging */
    public static final List<String> POSTGRES = List.of("PostgreSQLLogs");
    /** https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage-reference */
    public static final List<String> BLOBS = List.of("StorageWrite", "StorageDelete");

    private final Output<String> workspaceId;

    public DiagnosticLogs(String name, Output<String> resourceGroup, String location, boolean production,
                          ComponentResourceOptions options) {
        super("voiceplane:azure:DiagnosticLogs", name, options);
        var workspace = new Workspace(name, WorkspaceArgs.builder().resourceGroupName(resourceGroup).location(location)
                .workspaceName(name).sku(WorkspaceSkuArgs.builder().name("PerGB2018").build())
                .retentionInDays(production ? PRODUCTION_DAYS : OTHER_DAYS).build(), child(this));
        this.workspaceId = workspace.id();
        registerOutputs(Map.of("workspaceId", workspaceId));
    }

    /** Sends {@code categories} of the resource {@code resourceId} to the workspace. */
    public void send(String name, Output<String> resourceId, List<String> categories) {
        new DiagnosticSetting(name, DiagnosticSettingArgs.builder().name("voiceplane-audit").resourceUri(resourceId)
                .workspaceId(workspaceId)
                .logs(categories.stream().map(c -> LogSettingsArgs.builder().category(c).enabled(true).build()).toList())
                .build(), child(this));
    }
}
