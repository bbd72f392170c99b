package dev.voiceplane.charts;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.KubeRole;
import org.cdk8s.plus33.k8s.KubeRoleBinding;
import org.cdk8s.plus33.k8s.KubeServiceAccount;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PolicyRule;
import org.cdk8s.plus33.k8s.RoleRef;
import org.cdk8s.plus33.k8s.Subject;
import software.constructs.Construct;

/**
 * An identity for a workload that is not a catalog service (data stores, backup jobs, the secret
 * store): its own ServiceAccount, no token mounted, and a namespaced Role bound to it only when it
 * must talk to the Kubernetes API, with exactly the rules given. Nothing here is cluster-wide
 * (ai-ninja guide: "RBAC with principle of least privilege").
 */
public final class AccessControl extends Construct {

    /** One workload's identity. Required: its name and namespace. */
    public static final class Props {
        private final String name;
        private final String namespace;
        private final Map<String, String> annotations;
        private final List<PolicyRule> rules;

        private Props(Builder b) {
            name = b.name;
            namespace = b.namespace;
            annotations = Map.copyOf(b.annotations);
            rules = List.copyOf(b.rules);
        }

        /**
         * @param name      ServiceAccount, Role and RoleBinding name
         * @param namespace where they live
         */
        public static Builder builder(String name, String namespace) {
            return new Builder(name, namespace);
        }

        public String name() {
            return name;
        }

        public String namespace() {
            return namespace;
        }

        public Map<String, String> annotations() {
            return annotations;
        }

        public List<PolicyRule> rules() {
            return rules;
        }

        public static final class Builder {
            private final String name;
            private final String namespace;
            private Map<String, String> annotations = Map.of();
            private List<PolicyRule> rules = List.of();

            private Builder(String name, String namespace) {
                this.name = Objects.requireNonNull(name, "name");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
            }

            /** On the ServiceAccount, e.g. a cloud workload identity. Default none. */
            public Builder annotations(Map<String, String> annotations) {
                this.annotations = Objects.requireNonNull(annotations, "annotations");
                return this;
            }

            /** What it may do in the namespace. Default none: no Role at all. */
            public Builder rules(List<PolicyRule> rules) {
                this.rules = Objects.requireNonNull(rules, "rules");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    private final String name;

    public AccessControl(Construct scope, String id, Props props) {
        super(scope, id);
        this.name = props.name();
        Map<String, String> labels = Map.of(Labels.NAME, props.name());
        ObjectMeta.Builder meta = ObjectMeta.builder().name(props.name()).namespace(props.namespace()).labels(labels);
        if (!props.annotations().isEmpty()) {
            meta.annotations(new TreeMap<>(props.annotations()));
        }
        KubeServiceAccount.Builder.create(this, "account")
                .metadata(meta.build())
                .automountServiceAccountToken(false)
                .build();
        if (props.rules().isEmpty()) {
            return;
        }
        KubeRole.Builder.create(this, "role")
                .metadata(ObjectMeta.builder().name(props.name()).namespace(props.namespace()).labels(labels).build())
                .rules(props.rules())
                .build();
        KubeRoleBinding.Builder.create(this, "binding")
                .metadata(ObjectMeta.builder().name(props.name()).namespace(props.namespace()).labels(labels).build())
                .roleRef(RoleRef.builder().apiGroup("rbac.authorization.k8s.io").kind("Role").name(props.name()).build())
                .subjects(List.of(Subject.builder().kind("ServiceAccount").name(props.name()).namespace(props.namespace()).build()))
                .build();
    }

    /** The ServiceAccount's name, for pod specs and secret stores. */
    public String name() {
        return name;
    }
}
