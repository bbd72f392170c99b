package dev.voiceplane.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every rule of {@code voiceplane validate}, in report order. The README's rule table is generated
 * from {@link #specs()} ({@code voiceplane validate --list-rules --output markdown}).
 */
public final class RuleRegistry {
    /** Meta rule: a waiver annotation that names no rule or gives no reason waives nothing and is itself a finding. */
    static final RuleSpec WAIVER = RuleSpec.of("waiver", Severity.ERROR, Layer.OBJECT_POLICY,
            "every waiver annotation names a known rule and gives a reason",
            "write voiceplane.dev/allowed-because.<rule-id>: \"<why this object may break the rule>\"",
            "https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/");

    private RuleRegistry() {
    }

    /** The object-policy and cross-object rules: everything but the schema layer (which needs Node). */
    public static List<Rule> policy() {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(PodSecurityStandard.rules());
        rules.addAll(ContainerPolicy.rules());
        rules.addAll(Availability.rules());
        rules.addAll(Traffic.rules());
        rules.addAll(ObjectHygiene.rules());
        rules.add(new QuotaAdmission());
        rules.add(StorageLimits.rule());
        rules.addAll(Ownership.rules());
        rules.add(ManagedEndpoints.rule());
        rules.add(MetricsServed.rule());
        rules.add(PolicyEnforcement.rule());
        rules.add(CatalogContract.rule());
        rules.add(BackupCoverage.rule());
        rules.add(PointInTimeRecovery.rule());
        rules.add(TlsIssuers.rule());
        rules.add(VaultAccess.rule());
        rules.add(LocalStorage.rule());
        rules.add(ConnectionDrain.rule());
        rules.addAll(Mesh.rules());
        rules.add(waiverRule(rules));
        return rules;
    }

    /** Every rule: the schema layer (run on Node from {@code schemaModels}) and {@link #policy()}. */
    public static List<Rule> all(Path schemaModels) {
        List<Rule> rules = new ArrayList<>(SchemaLayer.rules(schemaModels));
        rules.addAll(policy());
        return rules;
    }

    /** What every rule is, for listings (no Node needed). */
    public static List<RuleSpec> specs() {
        List<RuleSpec> specs = new ArrayList<>(List.of(SchemaLayer.SCHEMA, SchemaLayer.PROMQL));
        policy().forEach(r -> specs.add(r.spec()));
        return specs;
    }

    public static Optional<RuleSpec> find(String id) {
        return specs().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static Rule waiverRule(List<Rule> rules) {
        Set<String> known = new HashSet<>(List.of(SchemaLayer.SCHEMA.id(), SchemaLayer.PROMQL.id(), WAIVER.id()));
        rules.forEach(r -> known.add(r.spec().id()));
        return Rules.of(WAIVER, (m, f) -> {
            for (Source s : m.sources()) {
                for (Waiver w : Waivers.of(s)) {
                    String at = "/metadata/annotations/" + YamlDocuments.segment(w.annotation());
                    if (!known.contains(w.ruleId())) {
                        f.add(s, at, "waiver " + w.annotation() + " names no known rule '" + w.ruleId() + "'");
                    } else if (w.reason().isBlank()) {
                        f.add(s, at, "waiver of '" + w.ruleId() + "' gives no reason: it waives nothing");
                    }
                }
            }
        });
    }
}
