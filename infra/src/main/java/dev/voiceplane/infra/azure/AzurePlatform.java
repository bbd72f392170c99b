package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.authorization.AuthorizationFunctions;
import com.pulumi.azurenative.authorization.outputs.GetClientConfigResult;
import com.pulumi.azurenative.resources.ResourceGroup;
import com.pulumi.azurenative.resources.ResourceGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.Resource;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ExternalApi;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.infra.Access;
import dev.voiceplane.infra.RandomValues;
import dev.voiceplane.infra.VaultEntries;
import dev.voiceplane.infra.db.DerivedSecret;
import dev.voiceplane.infra.kube.DatabaseBootstrap;
import dev.voiceplane.infra.Cidr;
import dev.voiceplane.infra.kube.ClusterAddons;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.CloudIdentities;
import dev.voiceplane.infra.NodePools;
import dev.voiceplane.infra.Platform;
import dev.voiceplane.infra.StackKeys;
import dev.voiceplane.infra.WorkloadAccounts;
import dev.voiceplane.stack.DataStoreMode;
import dev.voiceplane.stack.Environment;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * Everything ai-ninja runs on in Azure (guide: AKS, PostgreSQL HA, Redis, Key Vault, Azure Speech,
 * Azure OpenAI), in one resource group named after the stack. Names the stack file already carries
 * (the PostgreSQL and Redis host names, the vault URL, the registry, the OpenAI endpoint) are the
 * names created, so those keys stay true after {@code pulumi up}; the generated ones (identity client
 * ids) are stack outputs to copy into the stack file (infra/README.md).
 */
public final class AzurePlatform extends ComponentResource implements Platform {
    static final String POSTGRES_SUFFIX = ".postgres.database.azure.com";
    static final String REDIS_SUFFIX = ".redis.cache.windows.net";
    static final String VAULT_PREFIX = "https://";
    static final String VAULT_SUFFIX = ".vault.azure.net/";
    static final String ACR_SUFFIX = ".azurecr.io";
    static final String OPENAI_SUFFIX = ".openai.azure.com/";

    private final AksCluster cluster;
    private final Output<String> resourceGroup;
    private final ClusterAddons.Settings addons;
    private final Output<String> vaultIdentity;
    private final Output<String> backupIdentity;
    private final Output<String> tenantId;
    /** Client ids of the identities of the services calling Azure AI, and the Speech account they call. */
    private final Output<Map<String, String>> aiCallers;
    private final Output<String> speechId;
    private final Map<String, Output<?>> outputs = new LinkedHashMap<>();
    /** The managed database's login, created in the cluster by {@link #prepare}; empty with in-cluster stores. */
    private final Optional<DatabaseLogin> databaseLogin;
    /** Every vault entry infra writes: the app release waits for them, so its ExternalSecret finds all it lists. */
    private final List<Resource> vaultEntries = new java.util.ArrayList<>();

    /** What the bootstrap Job needs: the server, the login's vault entries (the app release waits for those too). */
    private record DatabaseLogin(String namespace, ManagedPostgres postgres, String database, String role,
                                 Output<String> adminPassword, Output<String> rolePassword, List<Resource> vaultEntries) {
    }

    /**
     * @param postgresPassword the flexible server's administrator password, asked for only when the
     *                         stack has managed stores (Pulumi secret config, see infra/README.md)
     */
    public AzurePlatform(String name, StackKeys keys, List<Manifest> manifests, Supplier<Output<String>> postgresPassword,
                         Access access, ComponentResourceOptions options) {
        super("voiceplane:azure:Platform", name, options);
        StackConfig stack = keys.stack();
        String location = stack.region();
        // The cluster enforces what the stack declares (voiceplane:cluster.networkPolicies): AKS is created with Azure CNI powered by Cilium.
        if (!stack.clusterFeatures().networkPolicies().equals("cilium")) {
            throw keys.problem("cluster.networkPolicies", "must be cilium on " + stack.cloud().id() + ": AKS is created with Azure CNI powered by Cilium, got '"
                    + stack.clusterFeatures().networkPolicies() + "'");
        }
        boolean production = stack.environment() == Environment.PRODUCTION;
        Cidr cidr = Cidr.parse(stack.managedStores().present() ? stack.managedStores().cidr()
                : dev.voiceplane.stack.ManagedStores.DEFAULT_CIDR);
        if (cidr.prefix() > 22) {
            throw keys.problem("managedStores.cidr", "must be a /22 or larger: the cluster's subnet is a quarter of it, got " + cidr);
        }
        String vaultName = vaultName(keys);
        Output<GetClientConfigResult> client = AuthorizationFunctions.getClientConfig();
        Output<String> subscriptionId = client.applyValue(GetClientConfigResult::subscriptionId);
        this.tenantId = client.applyValue(GetClientConfigResult::tenantId);

        // One resource group per stack: the unit Azure bills, locks and deletes by. Protected: deleting the
        // group deletes every resource in it, the protected and retained database and vault included.
        var group = new ResourceGroup(name, ResourceGroupArgs.builder()
                .resourceGroupName(name + "-rg").location(location).build(),
                com.pulumi.resources.CustomResourceOptions.builder().parent(this).protect(true).build());
        Output<String> rg = group.name();
        this.resourceGroup = rg;
        ComponentResourceOptions inside = ComponentResourceOptions.builder().parent(this).build();

        var network = new AzureNetwork(name, rg, location, cidr, inside);
        var logs = new DiagnosticLogs(name + "-logs", rg, location, production, inside);
        cluster = new AksCluster(name + "-aks", rg, location, network.nodeSubnetId(), NodePools.of(stack), production,
                access.cidrs(), inside);
        // AKS attaches load balancers and node NICs in our subnet with its own identity. The first
        // LoadBalancer Service (ingress-nginx) waits for this grant: created before it, the Service's load
        // balancer fails with AuthorizationFailed on the subnet and is retried only slowly.
        var networkGrant = AzureRoles.assign(this, name + "-aks-network", cluster.clusterPrincipalId(), subscriptionId,
                AzureRoles.NETWORK_CONTRIBUTOR, network.nodeSubnetId());
        // Local accounts are off: whoever runs Pulumi, and the named admins, are cluster admins through Azure RBAC.
        var deployerGrant = AzureRoles.assign(this, name + "-aks-deployer", client.applyValue(GetClientConfigResult::objectId), null,
                subscriptionId, AzureRoles.AKS_RBAC_CLUSTER_ADMIN, cluster.id());
        for (int i = 0; i < access.admins().size(); i++) {
            AzureRoles.assign(this, name + "-aks-admin-" + i, Output.of(access.admins().get(i)), null, subscriptionId,
                    AzureRoles.AKS_RBAC_CLUSTER_ADMIN, cluster.id());
        }
        logs.send(name + "-aks-audit", cluster.id(), DiagnosticLogs.AKS);
        this.addons = new ClusterAddons.Settings(false,
                // Azure's load balancer probes the controller's health endpoint, not "/" (which answers 404):
                // https://learn.microsoft.com/azure/aks/ingress-basic#create-an-ingress-controller
                Map.of("service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path", "/healthz"),
                Optional.empty(), List.of(networkGrant, deployerGrant));

        var vault = new KeyVault(name + "-kv", vaultName, rg, location, client.applyValue(GetClientConfigResult::tenantId),
                network.nodeSubnetId(), inside);
        String namespace = stack.namespace();
        logs.send(name + "-kv-audit", vault.id(), DiagnosticLogs.KEY_VAULT);

        Optional<DatabaseLogin> login = Optional.empty();
        Optional<Output<String>> redisKey = Optional.empty();
        if (stack.dataStores() == DataStoreMode.MANAGED) {
            String server = keys.labelBefore("managedStores.postgresHost", stack.managedStores().postgresHost(), POSTGRES_SUFFIX,
                    "the flexible server infra creates");
            String cache = keys.labelBefore("managedStores.redisHost", stack.managedStores().redisHost(), REDIS_SUFFIX,
                    "the Azure Cache for Redis infra creates");
            String database = stack.appSettings().get(Env.DB_NAME);
            Output<String> adminPassword = postgresPassword.get();
            var postgres = new ManagedPostgres(name + "-postgres", server, database, rg, location, network.postgresSubnetId(),
                    network.postgresDnsZoneId(), network.postgresDnsLink(), adminPassword, production, inside);
            // The services' login: a role of their own (not the administrator), its password derived from the
            // administrator's, both written where the charts' ExternalSecret reads DB_USERNAME and DB_PASSWORD.
            String role = database + "_app";
            Output<String> rolePassword = DerivedSecret.of(adminPassword, "db-password " + role);
            var username = VaultSecret.write(this, name + "-kv-db-username", rg, vault,
                    VaultEntries.of(manifests, namespace, Env.DB_USERNAME), Output.of(role));
            var password = VaultSecret.write(this, name + "-kv-db-password", rg, vault,
                    VaultEntries.of(manifests, namespace, Env.DB_PASSWORD), rolePassword);
            login = Optional.of(new DatabaseLogin(namespace + "-bootstrap", postgres, database, role, adminPassword, rolePassword,
                    List.of(username, password)));
            var redis = new ManagedRedis(name + "-redis", cache, rg, location, network.endpointSubnetId(),
                    network.redisDnsZoneId(), subscriptionId, production, inside);
            redisKey = Optional.of(redis.accessKey());
            logs.send(name + "-postgres-audit", postgres.id(), DiagnosticLogs.POSTGRES);
            outputs.put("postgresHost", postgres.host());
            outputs.put("redisHost", redis.host());
        }
        this.databaseLogin = login;
        // user-management encrypts TOTP seeds with this key: drawn once, then kept (a new key would make every
        // enrolled seed unreadable), so the first run's value stays whatever later runs draw.
        VaultEntries.find(manifests, namespace, Env.TOTP_ENCRYPTION_KEY).ifPresent(entry -> vaultEntries.add(VaultSecret.writeOnce(this,
                name + "-kv-totp-key", rg, vault, entry, Output.ofSecret(RandomValues.aes256Key()))));

        var vaultReader = new WorkloadIdentity(name + "-external-secrets", rg, location, cluster.oidcIssuerUrl(),
                WorkloadAccounts.subject(manifests, Cloud.AZURE, stack.cloudIdentities().vaultIdentity(),
                        Names.of(stack.system()).vaultReaderSubject()),
                subscriptionId, AzureRoles.KEY_VAULT_SECRETS_USER, vault.id(), inside);

        String account = stack.cloudIdentities().backupAccount().isEmpty()
                ? (name.replaceAll("[^a-z0-9]", "") + "bkp") : stack.cloudIdentities().backupAccount();
        if (account.length() > 24) {
            account = account.substring(0, 21) + "bkp";
        }
        String container = stack.cloudIdentities().backupBucket().isEmpty() ? "backups" : stack.cloudIdentities().backupBucket();
        var backups = new BackupStorage(name + "-backups", account, container, namespace, rg, location, production, inside);
        // Blob logs are settings of the account's blob service, not of the account.
        logs.send(name + "-backups-audit", backups.accountId().applyValue(id -> id + "/blobServices/default"), DiagnosticLogs.BLOBS);
        var backupWriter = new WorkloadIdentity(name + "-backups", rg, location, cluster.oidcIssuerUrl(),
                WorkloadAccounts.subject(manifests, Cloud.AZURE, stack.cloudIdentities().backupIdentity(),
                        // BackupSchedule's account name, for stacks whose manifests have no backup jobs yet.
                        Names.of(stack.system()).backupSubject()),
                subscriptionId, AzureRoles.STORAGE_BLOB_DATA_CONTRIBUTOR, backups.containerId(), inside);

        var ai = new AiServices(name, openAiSubdomain(keys), rg, location, inside);
        // Local auth is off on both accounts: each service that calls one gets an identity of its own, trusted
        // for its ServiceAccount only, holding the one role it needs on the one account it calls.
        Map<String, Output<String>> callers = new java.util.TreeMap<>();
        for (ServiceSpec spec : ServiceCatalog.of(stack.system())) {
            List<ExternalApi> apis = spec.externalApis().stream()
                    .filter(a -> a == ExternalApi.AZURE_SPEECH || a == ExternalApi.AZURE_OPENAI).toList();
            if (apis.isEmpty()) {
                continue;
            }
            if (apis.size() > 1) {
                throw new IllegalStateException("service " + spec.name() + " calls both Azure Speech and OpenAI: give it one identity per role first");
            }
            boolean speech = apis.get(0) == ExternalApi.AZURE_SPEECH;
            var identity = new WorkloadIdentity(name + "-" + spec.name(), rg, location, cluster.oidcIssuerUrl(),
                    WorkloadAccounts.named(manifests, namespace, spec.name()), subscriptionId,
                    speech ? AzureRoles.SPEECH_USER : AzureRoles.OPENAI_USER, speech ? ai.speechId() : ai.openAiId(), inside);
            callers.put(spec.name(), identity.clientId());
        }
        List<String> callerNames = List.copyOf(callers.keySet());
        this.aiCallers = Output.all(List.copyOf(callers.values())).applyValue(ids -> {
            Map<String, String> out = new java.util.TreeMap<>();
            for (int i = 0; i < ids.size(); i++) {
                out.put(callerNames.get(i), ids.get(i));
            }
            return out;
        });
        this.speechId = ai.speechId();
        // The key entries the charts' ExternalSecret still lists: empty (Key Vault stores empty values), since no key
        // works with local auth off; the services then take their workload identity.
        for (String key : List.of(Env.AZURE_SPEECH_KEY, Env.AZURE_OPENAI_KEY)) {
            VaultEntries.find(manifests, namespace, key).ifPresent(entry -> vaultEntries.add(VaultSecret.write(this,
                    name + "-kv-" + entry, rg, vault, entry, Output.of(""))));
        }
        // Every other entry the ExternalSecret reads, so the first run ends with a complete Secret and running pods
        // (the operator syncs a Secret all or nothing): the cache's access key, and for the rest a first value written
        // once (RandomValues.initial: our own secrets drawn at random, third parties' credentials empty until the
        // operator sets them with `az keyvault secret set`, which later runs leave alone).
        Set<String> written = Set.of(Env.DB_USERNAME, Env.DB_PASSWORD, Env.TOTP_ENCRYPTION_KEY, Env.AZURE_SPEECH_KEY, Env.AZURE_OPENAI_KEY);
        for (var e : VaultEntries.all(manifests, namespace).entrySet()) {
            String key = e.getKey();
            String entry = e.getValue();
            if (key.equals(Env.REDIS_PASSWORD) && redisKey.isPresent()) {
                vaultEntries.add(VaultSecret.write(this, name + "-kv-" + entry, rg, vault, entry, redisKey.get()));
            } else if (!written.contains(key)) {
                vaultEntries.add(VaultSecret.writeOnce(this, name + "-kv-" + entry, rg, vault, entry,
                        Output.ofSecret(RandomValues.initial(key, stack.system().id()))));
            }
        }

        String registry = stack.images().registry();
        if (registry.endsWith(ACR_SUFFIX)) {
            var acr = new ContainerRegistry(name + "-acr", keys.labelBefore("images.registry", registry, ACR_SUFFIX,
                    "the container registry infra creates"), rg, location, production, inside);
            // Nodes pull the images with the kubelet identity: no pull secret anywhere.
            AzureRoles.assign(this, name + "-acr-pull", cluster.kubeletObjectId(), subscriptionId, AzureRoles.ACR_PULL, acr.id());
            outputs.put("registry", acr.loginServer());
        }

        this.vaultIdentity = vaultReader.clientId();
        this.backupIdentity = backupWriter.clientId();
        outputs.put("vaultUrl", vault.url());
        outputs.put("vaultIdentity", vaultReader.clientId());
        outputs.put("backupAccount", backups.accountName());
        outputs.put("backupContainer", backups.containerName());
        outputs.put("backupIdentity", backupWriter.clientId());
        outputs.put("openAiEndpoint", ai.openAiEndpoint());
        outputs.put("clusterName", cluster.clusterName());
        outputs.put("resourceGroup", rg);
        registerOutputs(Map.copyOf(outputs));
    }

    @Override
    public Output<StackConfig> deployed(StackConfig stack) {
        CloudIdentities named = stack.cloudIdentities();
        // Client ids exist once the identities do, in the tenant Pulumi deploys into; the names (vault,
        // bucket, account) are the stack file's.
        return Output.tuple(vaultIdentity, backupIdentity, tenantId, aiCallers, speechId).applyValue(t -> stack.withDeployTimeValues(new CloudIdentities(
                named.vaultUrl(), t.t1, named.backupBucket(), named.backupAccount(),
                stack.dataStores() == DataStoreMode.IN_CLUSTER ? t.t2 : named.backupIdentity(), "", t.t3).withAiIdentities(t.t4, t.t5),
                stack.images().registry()));
    }

    @Override
    public List<Resource> prepare(Provider kube) {
        List<Resource> out = new java.util.ArrayList<>();
        databaseLogin.ifPresent(l -> {
            var bootstrap = new DatabaseBootstrap(pulumiResourceName() + "-db-bootstrap",
                    DatabaseBootstrap.builder(l.namespace(), l.postgres().host(), l.database(), ManagedPostgres.ADMIN_LOGIN,
                            l.adminPassword(), l.role(), l.rolePassword()).after(List.of(l.postgres().database())),
                    kube, ComponentResourceOptions.builder().parent(this).build());
            out.add(bootstrap.job());
            out.addAll(l.vaultEntries());
        });
        out.addAll(vaultEntries);
        return List.copyOf(out);
    }

    @Override
    public ClusterAddons.Settings addons() {
        return addons;
    }

    @Override
    public void publish(String domain, List<String> hosts, Output<ClusterAddons.LoadBalancerAddress> ingressAddress) {
        // An Azure load balancer has a fixed public IP.
        var zone = new PublicDnsZone(pulumiResourceName() + "-dns", resourceGroup, domain, hosts, ingressAddress.applyValue(a -> a.required(true)),
                ComponentResourceOptions.builder().parent(this).build());
        outputs.put("nameServers", zone.nameServers());
    }

    static String vaultName(StackKeys keys) {
        String url = keys.stack().cloudIdentities().vaultUrl();
        if (!url.startsWith(VAULT_PREFIX)) {
            throw keys.problem("vault.url", "is required on azure: the Key Vault URL infra creates, e.g. https://ai-ninja-prod-kv" + VAULT_SUFFIX);
        }
        return keys.labelBefore("vault.url", url.substring(VAULT_PREFIX.length()), VAULT_SUFFIX, "the Key Vault infra creates");
    }

    static String openAiSubdomain(StackKeys keys) {
        String endpoint = keys.stack().appSettings().getOrDefault("AZURE_OPENAI_ENDPOINT", "");
        if (!endpoint.startsWith(VAULT_PREFIX)) {
            throw keys.problem("config.AZURE_OPENAI_ENDPOINT", "is required on azure: the Azure OpenAI endpoint infra creates, "
                    + "e.g. https://ai-ninja-prod-openai" + OPENAI_SUFFIX);
        }
        return keys.labelBefore("config.AZURE_OPENAI_ENDPOINT", endpoint.substring(VAULT_PREFIX.length()), OPENAI_SUFFIX,
                "the Azure OpenAI account infra creates");
    }

    @Override
    public Optional<Output<String>> kubeconfig() {
        return Optional.of(cluster.kubeconfig());
    }

    @Override
    public Map<String, Output<?>> outputs() {
        return outputs;
    }
}
