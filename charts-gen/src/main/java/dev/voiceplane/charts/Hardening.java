package dev.voiceplane.charts;

import java.util.List;
import java.util.Map;
import org.cdk8s.ApiObject;
import org.cdk8s.JsonPatch;
import org.cdk8s.plus33.Capability;
import org.cdk8s.plus33.ContainerSecurityContextProps;
import org.cdk8s.plus33.ContainerSecutiryContextCapabilities;
import org.cdk8s.plus33.FsGroupChangePolicy;
import org.cdk8s.plus33.PodSecurityContextProps;
import org.cdk8s.plus33.SeccompProfileType;
import org.cdk8s.plus33.Workload;
import org.cdk8s.plus33.k8s.Capabilities;
import org.cdk8s.plus33.k8s.PodSecurityContext;
import org.cdk8s.plus33.k8s.SeccompProfile;
import org.cdk8s.plus33.k8s.SecurityContext;

/**
 * The security settings every voiceplane workload runs with, in the Kubernetes L1 types (data
 * stores, backup jobs, monitoring) and as cdk8s-plus props ({@link Microservice}): one definition of
 * hardened. They satisfy the {@code restricted} Pod Security Standard the namespace enforces
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted): non-root,
 * read-only root filesystem, no privilege escalation, every capability dropped, the runtime's
 * seccomp profile.
 *
 * <p>A workload that truly cannot run so carries {@link #EXCEPTION} with the reason, and nothing
 * else is exempt (a test checks every pod template).
 */
public final class Hardening {
    /** Annotation on a workload that cannot be fully hardened; the value says why. */
    public static final String EXCEPTION = "voiceplane.dev/hardening-exception";

    private Hardening() {
    }

    public static PodSecurityContext pod(int uid) {
        return PodSecurityContext.builder()
                .runAsNonRoot(true).runAsUser(uid).runAsGroup(uid).fsGroup(uid)
                // Only chown volumes whose root is not already ours: a large data volume would otherwise
                // be walked on every start.
                .fsGroupChangePolicy("OnRootMismatch")
                .seccompProfile(runtimeDefaultSeccomp())
                .build();
    }

    public static SecurityContext container(int uid) {
        return containerBeyondUser().runAsNonRoot(true).runAsUser(uid).runAsGroup(uid).build();
    }

    /**
     * For a workload carrying {@link #EXCEPTION} only: it runs as root, and keeps everything else
     * {@link #container(int)} gives (no capabilities, no escalation, read-only root, seccomp).
     */
    public static SecurityContext exceptedRootContainer() {
        return containerBeyondUser().runAsNonRoot(false).runAsUser(0).runAsGroup(0).build();
    }

    /** The pod-level half of {@link #exceptedRootContainer()}. */
    public static PodSecurityContext exceptedRootPod() {
        return PodSecurityContext.builder()
                .runAsNonRoot(false).runAsUser(0).runAsGroup(0)
                .seccompProfile(runtimeDefaultSeccomp())
                .build();
    }

    /** Everything of a hardened container but who it runs as. */
    private static SecurityContext.Builder containerBeyondUser() {
        return SecurityContext.builder()
                .readOnlyRootFilesystem(true)
                .allowPrivilegeEscalation(false)
                .privileged(false)
                .capabilities(Capabilities.builder().drop(List.of("ALL")).build())
                .seccompProfile(runtimeDefaultSeccomp());
    }

    private static SeccompProfile runtimeDefaultSeccomp() {
        return SeccompProfile.builder().type("RuntimeDefault").build();
    }

    /**
     * {@link #pod(int)} as cdk8s-plus props. cdk8s-plus has no pod-level seccomp setting, so a
     * workload built from these props also needs {@link #podSeccomp(Workload)}.
     */
    public static PodSecurityContextProps podProps(int uid) {
        return PodSecurityContextProps.builder()
                .ensureNonRoot(true).user(uid).group(uid).fsGroup(uid)
                .fsGroupChangePolicy(FsGroupChangePolicy.ON_ROOT_MISMATCH)
                .build();
    }

    /**
     * Puts the runtime's seccomp profile into the pod-level security context of a cdk8s-plus
     * workload. Containers a mesh injects ({@code istio-proxy}, {@code istio-validation}) carry no
     * profile of their own and inherit this one; without it the {@code restricted} Pod Security
     * Standard refuses the pod (https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted,
     * "Seccomp": the pod or every container must set it).
     */
    public static void podSeccomp(Workload workload) {
        ApiObject.of(workload).addJsonPatch(JsonPatch.add("/spec/template/spec/securityContext/seccompProfile",
                Map.of("type", "RuntimeDefault")));
    }

    /** {@link #container(int)} as cdk8s-plus props. */
    public static ContainerSecurityContextProps containerProps(int uid) {
        return ContainerSecurityContextProps.builder()
                .ensureNonRoot(true).user(uid).group(uid)
                .readOnlyRootFilesystem(true)
                .allowPrivilegeEscalation(false)
                .privileged(false)
                .capabilities(ContainerSecutiryContextCapabilities.builder().drop(List.of(Capability.ALL)).build())
                .seccompProfile(org.cdk8s.plus33.SeccompProfile.builder().type(SeccompProfileType.RUNTIME_DEFAULT).build())
                .build();
    }
}
