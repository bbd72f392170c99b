package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The report as SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for GitHub
 * code scanning ({@code github/codeql-action/upload-sarif}): one run whose driver lists every rule with
 * its help, results located at the object's field in the YAML file and, where a stack-file key caused
 * it, a related location there; waived findings carry an in-source suppression with the reason
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
 */
public final class SarifReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    public static ObjectNode of(List<Report> reports, List<RuleSpec> rules, String version) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SCHEMA).put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "voiceplane-validate").put("version", version);
        ArrayNode ruleList = driver.putArray("rules");
        for (RuleSpec r : rules) {
            ObjectNode rule = ruleList.addObject();
            rule.put("id", r.id()).put("name", camel(r.id()));
            rule.putObject("shortDescription").put("text", r.title());
            rule.putObject("fullDescription").put("text", r.title() + " (" + r.layer().title() + " layer)");
            rule.putObject("help").put("text", "Fix: " + r.fix() + ". Reference: " + r.helpUri()
                            + ". Waive with the annotation " + Waiver.annotationFor(r.id()) + ": \"<reason>\".")
                    .put("markdown", "**Fix:** " + r.fix() + ".\n\nReference: [" + r.helpUri() + "](" + r.helpUri() + ")\n\n"
                            + "Waive on the object with `" + Waiver.annotationFor(r.id()) + ": \"<reason>\"`.");
            rule.put("helpUri", r.helpUri());
            rule.putObject("defaultConfiguration").put("level", r.severity().sarifLevel());
            rule.putObject("properties").putArray("tags").add(r.layer().title());
        }
        ArrayNode results = run.putArray("results");
        for (Report report : reports) {
            for (Finding f : report.findings()) {
                results.add(result(f, rules.indexOf(f.rule())));
            }
        }
        return root;
    }

    private static ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode r = JSON.createObjectNode();
        r.put("ruleId", f.rule().id());
        if (ruleIndex >= 0) {
            r.put("ruleIndex", ruleIndex);
        }
        r.put("level", f.rule().severity().sarifLevel());
        r.putObject("message").put("text", f.object().id() + (f.path().isEmpty() ? "" : " " + f.path()) + ": " + f.message() + ". Fix: " + f.fix());
        ObjectNode location = r.putArray("locations").addObject();
        if (!f.object().file().isEmpty()) {
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", f.object().file());
            if (f.line() > 0) {
                physical.putObject("region").put("startLine", f.line());
            }
        }
        location.putArray("logicalLocations").addObject().put("fullyQualifiedName", f.object().id()).put("kind", "object");
        f.stackLine().ifPresent(s -> {
            ObjectNode related = r.putArray("relatedLocations").addObject();
            related.put("id", 1);
            ObjectNode physical = related.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", s.file());
            physical.putObject("region").put("startLine", s.line());
            related.putObject("message").put("text", "set by " + s.key() + " in the stack file");
        });
        r.putObject("partialFingerprints").put("voiceplaneFinding/v1", fingerprint(f));
        f.waiver().ifPresent(w -> r.putArray("suppressions").addObject().put("kind", "inSource").put("status", "accepted")
                .put("justification", w.reason()));
        return r;
    }

    /** Stable across line moves: the rule, the object and the field. */
    private static String fingerprint(Finding f) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((f.rule().id() + "|" + f.object().id() + "|" + f.path() + "|" + f.message())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code pss-seccomp} → {@code PssSeccomp}: SARIF's rule name, a readable identifier. */
    private static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
