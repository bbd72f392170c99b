package dev.voiceplane.infra.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * IAM policy documents as JSON, built in code rather than with the provider's getPolicyDocument
 * invoke, so a test reads the exact actions and resources each role gets.
 */
public final class IamPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArrayNode statements = JSON.createArrayNode();

    public static IamPolicy create() {
        return new IamPolicy();
    }

    /** Allows {@code actions} on {@code resources}, optionally under a condition ({@code operator → key → values}). */
    public IamPolicy allow(List<String> actions, List<String> resources, Map<String, Map<String, Object>> condition) {
        return statement("Allow", actions, resources, condition, null);
    }

    public IamPolicy allow(List<String> actions, List<String> resources) {
        return allow(actions, resources, Map.of());
    }

    /** Denies {@code actions} to everyone under a condition (bucket policies). */
    public IamPolicy deny(List<String> actions, List<String> resources, Map<String, Map<String, Object>> condition) {
        return statement("Deny", actions, resources, condition, "*");
    }

    /** A trust policy statement: {@code principal} (Federated) may call sts:AssumeRoleWithWebIdentity under {@code condition}. */
    public IamPolicy trustWebIdentity(String federatedPrincipal, Map<String, Map<String, Object>> condition) {
        ObjectNode s = statements.addObject();
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Federated", federatedPrincipal);
        s.put("Action", "sts:AssumeRoleWithWebIdentity");
        s.set("Condition", JSON.valueToTree(condition));
        return this;
    }

    /** A trust policy statement for an AWS service (eks.amazonaws.com, ec2.amazonaws.com). */
    public IamPolicy trustService(String service) {
        ObjectNode s = statements.addObject();
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Service", service);
        s.put("Action", "sts:AssumeRole");
        return this;
    }

    private IamPolicy statement(String effect, List<String> actions, List<String> resources,
                                Map<String, Map<String, Object>> condition, String principal) {
        ObjectNode s = statements.addObject();
        s.put("Effect", effect);
        if (principal != null) {
            s.put("Principal", principal);
        }
        s.set("Action", JSON.valueToTree(actions));
        s.set("Resource", JSON.valueToTree(resources));
        if (!condition.isEmpty()) {
            s.set("Condition", JSON.valueToTree(condition));
        }
        return this;
    }

    public String json() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Version", "2012-10-17");
        doc.set("Statement", statements);
        return doc.toString();
    }
}
