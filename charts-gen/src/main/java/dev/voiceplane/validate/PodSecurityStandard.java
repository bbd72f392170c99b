package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * The Pod Security Standards' {@code restricted} profile (which includes {@code baseline}), control by
 * control as the API server's admission applies it
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/), to every container admission
 * sees: init containers, containers and those Istio injects ({@link IstioSidecar}). One rule per control,
 * so a workload that truly needs one exception waives that control alone.
 */
final class PodSecurityStandard {
    static final String DOC = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";
    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL",
            "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

    static final RuleSpec HOST_NAMESPACES = spec("pss-host-namespaces", "pods do not share the host's network, PID or IPC namespace",
            "remove hostNetwork, hostPID and hostIPC from the pod spec", "#baseline");
    static final RuleSpec PRIVILEGED = spec("pss-privileged", "no privileged or Windows HostProcess containers",
            "remove privileged: true and windowsOptions.hostProcess", "#baseline");
    static final RuleSpec CAPABILITIES = spec("pss-capabilities", "every container drops ALL capabilities and adds at most NET_BIND_SERVICE",
            "set securityContext.capabilities.drop: [ALL] and add nothing but NET_BIND_SERVICE", "#restricted");
    static final RuleSpec VOLUME_TYPES = spec("pss-volume-types", "volumes are configMap, csi, downwardAPI, emptyDir, ephemeral, "
            + "persistentVolumeClaim, projected or secret (no hostPath)", "replace the volume with a persistentVolumeClaim, emptyDir or projected volume", "#restricted");
    static final RuleSpec HOST_PORTS = spec("pss-host-ports", "no container binds a host port", "remove hostPort; expose the port through a Service", "#baseline");
    static final RuleSpec PROC_MOUNT = spec("pss-proc-mount", "containers keep the default masked /proc", "remove securityContext.procMount", "#baseline");
    static final RuleSpec SYSCTLS = spec("pss-sysctls", "only the safe sysctls are set", "remove the unsafe sysctl from securityContext.sysctls", "#baseline");
    static final RuleSpec SELINUX = spec("pss-selinux", "no custom SELinux user or role, and only container SELinux types",
            "remove seLinuxOptions.user/role and use a container_* type", "#baseline");
    static final RuleSpec APPARMOR = spec("pss-apparmor", "no container runs AppArmor-unconfined", "remove appArmorProfile type Unconfined", "#baseline");
    static final RuleSpec PRIVILEGE_ESCALATION = spec("pss-privilege-escalation", "every container sets allowPrivilegeEscalation: false",
            "set securityContext.allowPrivilegeEscalation: false on the container", "#restricted");
    static final RuleSpec RUN_AS_NON_ROOT = spec("pss-run-as-non-root", "the pod (or every container) sets runAsNonRoot: true",
            "set securityContext.runAsNonRoot: true at pod level", "#restricted");
    static final RuleSpec RUN_AS_USER = spec("pss-run-as-user", "no pod or container sets runAsUser: 0", "run as a non-zero UID", "#restricted");
    static final RuleSpec SECCOMP = spec("pss-seccomp", "seccomp RuntimeDefault or Localhost at pod level, or on every container "
            + "(injected sidecars set none of their own)", "set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod", "#restricted");

    private PodSecurityStandard() {
    }

    static final RuleSpec NAMESPACE_LEVEL = RuleSpec.of("pss-namespace-level", Severity.ERROR, Layer.OBJECT_POLICY,
            "every namespace the objects create enforces the restricted Pod Security Standard",
            "label the namespace pod-security.kubernetes.io/enforce: restricted", "https://kubernetes.io/docs/concepts/security/pod-security-admission/");

    private static RuleSpec spec(String id, String title, String fix, String anchor) {
        return RuleSpec.of(id, Severity.ERROR, Layer.OBJECT_POLICY, title, fix, DOC + anchor);
    }

    /** The level admission enforces on a pod: its Namespace's enforce label when the namespace is among the objects, else restricted. */
    static String level(Model m, PodTemplate pod) {
        return m.namespaceObject(pod.namespace())
                .map(n -> n.at("/metadata/labels").path("pod-security.kubernetes.io/enforce").asText("privileged"))
                .orElse("restricted");
    }

    /** Whether a control of the given profile is enforced on the pod (restricted includes baseline). */
    private static boolean enforced(Model m, PodTemplate pod, RuleSpec control) {
        String level = level(m, pod);
        return level.equals("restricted") || level.equals("baseline") && control.helpUri().endsWith("#baseline");
    }

    private static Rule container(RuleSpec control, Rules.ContainerCheck check) {
        return Rules.perContainer(control, (m, pod, c, f) -> {
            if (enforced(m, pod, control)) {
                check.check(m, pod, c, f);
            }
        });
    }

    private static Rule pod(RuleSpec control, Rules.PodCheck check) {
        return Rules.perPod(control, (m, pod, f) -> {
            if (enforced(m, pod, control)) {
                check.check(m, pod, f);
            }
        });
    }

    static List<Rule> rules() {
        return List.of(
                Rules.of(NAMESPACE_LEVEL, (m, f) -> m.ofKind("Namespace").forEach(n -> {
                    String level = n.at("/metadata/labels").path("pod-security.kubernetes.io/enforce").asText("");
                    if (!level.equals("restricted")) {
                        f.add(n, "/metadata/labels", "namespace " + n.name() + " enforces "
                                + (level.isEmpty() ? "no Pod Security level (the cluster default, privileged unless configured)" : level)
                                + ": pods in it skip the restricted checks");
                    }
                })),
                pod(HOST_NAMESPACES, (m, pod, f) -> {
                    for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
                        if (pod.spec().path(field).asBoolean(false)) {
                            f.add(pod.owner(), pod.specPath("/" + field), pod.describe() + " sets " + field + ": true");
                        }
                    }
                }),
                container(PRIVILEGED, (m, pod, c, f) -> {
                    if (c.securityContext().path("privileged").asBoolean(false)) {
                        f.add(pod.owner(), c.field("/securityContext/privileged"), c.describe() + " is privileged");
                    }
                    if (c.securityContext().at("/windowsOptions/hostProcess").asBoolean(false)
                            || pod.spec().at("/securityContext/windowsOptions/hostProcess").asBoolean(false)) {
                        f.add(pod.owner(), c.field("/securityContext/windowsOptions/hostProcess"), c.describe() + " is a Windows HostProcess container");
                    }
                }),
                container(CAPABILITIES, (m, pod, c, f) -> {
                    JsonNode caps = c.securityContext().path("capabilities");
                    boolean dropsAll = false;
                    for (JsonNode d : caps.path("drop")) {
                        dropsAll |= d.asText().equals("ALL");
                    }
                    if (!dropsAll) {
                        f.add(pod.owner(), c.field("/securityContext/capabilities/drop"), c.describe() + " does not drop ALL capabilities");
                    }
                    for (JsonNode a : caps.path("add")) {
                        if (!a.asText().equals("NET_BIND_SERVICE")) {
                            String level = BASELINE_CAPABILITIES.contains(a.asText()) ? "restricted" : "baseline and restricted";
                            f.add(pod.owner(), c.field("/securityContext/capabilities/add"), c.describe() + " adds capability " + a.asText()
                                    + ", which " + level + " refuse" + (c.injected() ? "; run the mesh with the Istio CNI, whose istio-validation needs none" : ""));
                        }
                    }
                }),
                pod(VOLUME_TYPES, (m, pod, f) -> {
                    int i = 0;
                    for (JsonNode v : pod.spec().path("volumes")) {
                        String type = volumeType(v);
                        if (!RESTRICTED_VOLUMES.contains(type)) {
                            f.add(pod.owner(), pod.specPath("/volumes/" + i), pod.describe() + " volume '" + v.path("name").asText()
                                    + "' is of type " + type + (type.equals("hostPath") ? " (" + v.at("/hostPath/path").asText() + ")" : ""));
                        }
                        i++;
                    }
                }),
                container(HOST_PORTS, (m, pod, c, f) -> {
                    int i = 0;
                    for (JsonNode p : c.node().path("ports")) {
                        if (p.path("hostPort").asInt(0) != 0) {
                            f.add(pod.owner(), c.field("/ports/" + i + "/hostPort"), c.describe() + " binds host port " + p.path("hostPort").asInt());
                        }
                        i++;
                    }
                }),
                container(PROC_MOUNT, (m, pod, c, f) -> {
                    String mount = c.securityContext().path("procMount").asText("Default");
                    if (!mount.equals("Default")) {
                        f.add(pod.owner(), c.field("/securityContext/procMount"), c.describe() + " sets procMount " + mount);
                    }
                }),
                pod(SYSCTLS, (m, pod, f) -> {
                    int i = 0;
                    for (JsonNode s : pod.spec().at("/securityContext/sysctls")) {
                        if (!SAFE_SYSCTLS.contains(s.path("name").asText())) {
                            f.add(pod.owner(), pod.specPath("/securityContext/sysctls/" + i), pod.describe() + " sets unsafe sysctl " + s.path("name").asText());
                        }
                        i++;
                    }
                }),
                container(SELINUX, (m, pod, c, f) -> {
                    for (var where : List.of(new Object[] {pod.spec().at("/securityContext/seLinuxOptions"), pod.specPath("/securityContext/seLinuxOptions")},
                            new Object[] {c.securityContext().path("seLinuxOptions"), c.field("/securityContext/seLinuxOptions")})) {
                        JsonNode o = (JsonNode) where[0];
                        if (!SELINUX_TYPES.contains(o.path("type").asText("")) || o.has("user") || o.has("role")) {
                            f.add(pod.owner(), (String) where[1], c.describe() + " runs with SELinux options " + o);
                        }
                    }
                }),
                container(APPARMOR, (m, pod, c, f) -> {
                    boolean unconfined = c.securityContext().at("/appArmorProfile/type").asText().equals("Unconfined")
                            || pod.spec().at("/securityContext/appArmorProfile/type").asText().equals("Unconfined")
                            || pod.annotation("container.apparmor.security.beta.kubernetes.io/" + c.name()).equals("unconfined");
                    if (unconfined) {
                        f.add(pod.owner(), c.field("/securityContext/appArmorProfile"), c.describe() + " runs AppArmor-unconfined");
                    }
                }),
                container(PRIVILEGE_ESCALATION, (m, pod, c, f) -> {
                    JsonNode ape = c.securityContext().path("allowPrivilegeEscalation");
                    if (!ape.isBoolean() || ape.asBoolean()) {
                        f.add(pod.owner(), c.field("/securityContext/allowPrivilegeEscalation"), c.describe()
                                + (ape.isBoolean() ? " allows privilege escalation" : " does not set allowPrivilegeEscalation: false"));
                    }
                }),
                container(RUN_AS_NON_ROOT, (m, pod, c, f) -> {
                    JsonNode own = c.securityContext().path("runAsNonRoot");
                    boolean podLevel = pod.spec().at("/securityContext/runAsNonRoot").asBoolean(false);
                    if (own.isBoolean() && !own.asBoolean()) {
                        f.add(pod.owner(), c.field("/securityContext/runAsNonRoot"), c.describe() + " sets runAsNonRoot: false"
                                + (c.injected() ? " (classic injection programs iptables as root; the Istio CNI's istio-validation runs as 1337)" : ""));
                    } else if (!own.isBoolean() && !podLevel) {
                        f.add(pod.owner(), pod.specPath("/securityContext/runAsNonRoot"), c.describe() + " may run as root: neither it nor the pod sets runAsNonRoot: true");
                    }
                }),
                pod(RUN_AS_USER, (m, pod, f) -> {
                    JsonNode uid = pod.spec().at("/securityContext/runAsUser");
                    if (uid.isNumber() && uid.asLong() == 0) {
                        f.add(pod.owner(), pod.specPath("/securityContext/runAsUser"), pod.describe() + " runs its pod as UID 0");
                    }
                    for (Container c : m.containers(pod)) {
                        if (c.securityContext().path("runAsUser").isNumber() && c.securityContext().path("runAsUser").asLong() == 0) {
                            f.add(pod.owner(), c.field("/securityContext/runAsUser"), c.describe() + " runs as UID 0");
                        }
                    }
                }),
                container(SECCOMP, (m, pod, c, f) -> {
                    String own = c.securityContext().at("/seccompProfile/type").asText("");
                    String podLevel = pod.spec().at("/securityContext/seccompProfile/type").asText("");
                    if (own.equals("Unconfined")) {
                        f.add(pod.owner(), c.field("/securityContext/seccompProfile/type"), c.describe() + " runs seccomp-unconfined");
                    } else if (own.isEmpty() && !podLevel.equals("RuntimeDefault") && !podLevel.equals("Localhost")) {
                        f.add(pod.owner(), pod.specPath("/securityContext/seccompProfile"), c.describe() + " has no seccomp profile and the pod sets "
                                + (podLevel.isEmpty() ? "none" : podLevel) + (c.injected() ? ": the injector gives the sidecar none of its own, so it must come from the pod" : ""));
                    }
                }));
    }

    private static String volumeType(JsonNode volume) {
        for (var it = volume.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("name")) {
                return field;
            }
        }
        return "unknown";
    }
}
