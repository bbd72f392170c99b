package dev.voiceplane.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the manifests and the service itself agree on for one service. Immutable; built with
 * {@link #builder(SystemName, String)}.
 *
 * @param system        the system the service belongs to
 * @param name          DNS-1035 name: Deployment, Service, image and label value
 * @param kind          what the service does; its label is {@code app.kubernetes.io/component}
 * @param description   one line on what the service does
 * @param port          the HTTP port: API, health probes and {@code /metrics}
 * @param image         image repository without tag, e.g. {@code ai-ninja/user-management}
 * @param probes        health endpoint paths
 * @param exposure      how it is reached from outside the cluster
 * @param calls         names of services in the same system it calls over HTTP
 * @param stores        data stores it uses
 * @param externalApis  cloud APIs outside the cluster it calls
 * @param env           environment variables it reads, in a stable order
 * @param migrates      whether the image's {@code migrate} command must run before it starts
 */
public record ServiceSpec(
        SystemName system,
        String name,
        ServiceKind kind,
        String description,
        int port,
        String image,
        Probes probes,
        Exposure exposure,
        List<String> calls,
        Set<DataStore> stores,
        Set<ExternalApi> externalApis,
        List<EnvVar> env,
        boolean migrates) {

    /** The path every service exports Prometheus metrics on, on its main port. */
    public static final String METRICS_PATH = "/metrics";

    private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    public ServiceSpec {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(name, "name");
        if (!DNS_1035.matcher(name).matches()) {
            throw new IllegalArgumentException("service name '" + name + "' is not a DNS-1035 label (lower case, digits, '-')");
        }
        if (port < 1024 || port > 65535) {
            throw new IllegalArgumentException("service '" + name + "': port " + port
                    + " must be between 1024 and 65535 (services run as non-root and cannot bind below 1024)");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(exposure, "exposure");
        calls = List.copyOf(calls);
        stores = Collections.unmodifiableSet(stores.isEmpty() ? EnumSet.noneOf(DataStore.class) : EnumSet.copyOf(stores));
        externalApis = Collections.unmodifiableSet(externalApis.isEmpty() ? EnumSet.noneOf(ExternalApi.class) : EnumSet.copyOf(externalApis));
        env = List.copyOf(env);
        Set<String> seen = new LinkedHashSet<>();
        for (EnvVar v : env) {
            if (!seen.add(v.name())) {
                throw new IllegalArgumentException("service '" + name + "' declares " + v.name() + " twice");
            }
        }
        if (calls.contains(name)) {
            throw new IllegalArgumentException("service '" + name + "' cannot call itself");
        }
    }

    public static Builder builder(SystemName system, String name) {
        return new Builder(system, name);
    }

    public boolean uses(DataStore store) {
        return stores.contains(store);
    }

    /** The {@code app.kubernetes.io/component} label: the kind's label. */
    public String component() {
        return kind.label();
    }

    /** Whether the service reads the variable, e.g. {@link Env#DATA_DIR}: it writes files. */
    public boolean declares(String variable) {
        return env.stream().anyMatch(v -> v.name().equals(variable));
    }

    /** The variable of the given name, or an exception naming the service and the variable. */
    public EnvVar envVar(String variable) {
        return env.stream().filter(v -> v.name().equals(variable)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("service '" + name + "' declares no variable " + variable));
    }

    /** Fluent builder; the standard variables (port, telemetry, stores, called services) are added for you. */
    public static final class Builder {
        private final SystemName system;
        private final String name;
        private ServiceKind kind = ServiceKind.API;
        private String description = "";
        private int port;
        private String image;
        private Probes probes = Probes.STANDARD;
        private Exposure exposure = Exposure.INTERNAL;
        private final List<String> calls = new ArrayList<>();
        private final Set<DataStore> stores = EnumSet.noneOf(DataStore.class);
        private final Set<ExternalApi> externalApis = EnumSet.noneOf(ExternalApi.class);
        private final List<EnvVar> extraEnv = new ArrayList<>();
        private boolean migrates;

        private Builder(SystemName system, String name) {
            this.system = system;
            this.name = name;
            this.image = system.id() + "/" + name;
        }

        /** Default {@link ServiceKind#API}. */
        public Builder kind(ServiceKind value) { this.kind = value; return this; }
        public Builder description(String value) { this.description = value; return this; }
        public Builder port(int value) { this.port = value; return this; }
        public Builder image(String value) { this.image = value; return this; }
        public Builder probes(Probes value) { this.probes = value; return this; }
        public Builder exposure(Exposure value) { this.exposure = value; return this; }
        public Builder calls(String... services) { this.calls.addAll(List.of(services)); return this; }
        public Builder stores(DataStore... values) { this.stores.addAll(List.of(values)); return this; }
        public Builder externalApis(ExternalApi... values) { this.externalApis.addAll(List.of(values)); return this; }
        public Builder env(EnvVar... values) { this.extraEnv.addAll(List.of(values)); return this; }
        public Builder migrates(boolean value) { this.migrates = value; return this; }

        public ServiceSpec build() {
            List<EnvVar> env = new ArrayList<>();
            env.add(EnvVar.stack(Env.PORT, "port the HTTP server listens on"));
            env.add(EnvVar.stack(Env.SERVICE_NAME, "service name used in logs and metrics"));
            env.add(EnvVar.config(Env.LOG_LEVEL, "log level: DEBUG, INFO, WARN or ERROR").optional());
            env.add(EnvVar.stack(Env.OTEL_EXPORTER_OTLP_ENDPOINT, "OTLP/HTTP endpoint traces are sent to").optional());
            env.add(EnvVar.stack(Env.OTEL_SERVICE_NAME, "service name on traces").optional());
            if (stores.contains(DataStore.POSTGRES)) {
                env.add(EnvVar.stack(Env.DB_HOST, "PostgreSQL host"));
                env.add(EnvVar.stack(Env.DB_PORT, "PostgreSQL port"));
                env.add(EnvVar.config(Env.DB_NAME, "PostgreSQL database name"));
                env.add(EnvVar.secret(Env.DB_USERNAME, "PostgreSQL user"));
                env.add(EnvVar.secret(Env.DB_PASSWORD, "PostgreSQL password"));
            }
            if (stores.contains(DataStore.REDIS)) {
                env.add(EnvVar.stack(Env.REDIS_HOST, "Redis host"));
                env.add(EnvVar.stack(Env.REDIS_PORT, "Redis port"));
                env.add(EnvVar.stack(Env.REDIS_TLS, "true when Redis answers TLS only (managed Azure Redis on 6380)").optional());
                env.add(EnvVar.secret(Env.REDIS_PASSWORD, "Redis password").optional());
            }
            for (String callee : calls) {
                env.add(EnvVar.stack(Env.urlOf(callee), "base URL of " + callee));
            }
            if (externalApis.contains(ExternalApi.AZURE_SPEECH) || externalApis.contains(ExternalApi.AZURE_OPENAI)) {
                // Microsoft Entra tokens through the pod's workload identity, for AI resources whose keys are off.
                env.add(EnvVar.platform(Env.AZURE_CLIENT_ID, "the workload identity's client id"));
                env.add(EnvVar.platform(Env.AZURE_TENANT_ID, "its Microsoft Entra tenant"));
                env.add(EnvVar.platform(Env.AZURE_FEDERATED_TOKEN_FILE, "the projected ServiceAccount token to exchange"));
                env.add(EnvVar.platform(Env.AZURE_AUTHORITY_HOST, "the Microsoft Entra authority, e.g. https://login.microsoftonline.com/"));
            }
            env.addAll(extraEnv);
            return new ServiceSpec(system, name, kind, description, port, image, probes, exposure,
                    calls, stores, externalApis, env, migrates);
        }
    }
}
