package dev.voiceplane.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Optional;

/**
 * Runs rules over a {@link Model}: each rule's findings, each accepted by a waiver on its object when
 * one names the rule with a reason, and traced to the stack-file line of the rule's key when the
 * stack file is known.
 */
public final class Validation {
    private final List<Rule> rules;

    public Validation(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * @param target    what is validated, for the report
     * @param model     the objects and facts
     * @param stackFile the stack file and the line of each of its keys, when a stack is validated
     */
    public Report run(String target, Model model, Optional<StackFileLines> stackFile) {
        List<Finding> all = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // Schema rules wait on Node for most of their time: start them first, on another thread, and run the
        // Java rules meanwhile. Findings are still collected in rule order, so reports stay deterministic.
        Map<Rule, Future<Findings>> early = new HashMap<>();
        for (Rule rule : rules) {
            if (rule.spec().layer() == Layer.SCHEMA) {
                early.put(rule, BACKGROUND.submit(() -> check(rule, model)));
            }
        }
        Map<Rule, Findings> results = new HashMap<>();
        for (Rule rule : rules) {
            if (!early.containsKey(rule)) {
                results.put(rule, check(rule, model));
            }
        }
        early.forEach((rule, future) -> results.put(rule, await(future)));
        for (Rule rule : rules) {
            Findings findings = results.get(rule);
            for (Findings.Found found : findings.list()) {
                Finding f = found.finding();
                Optional<Waiver> waiver = Waivers.of(found.source()).stream()
                        .filter(w -> w.ruleId().equals(rule.spec().id()) && !w.reason().isBlank()).findFirst();
                if (waiver.isPresent()) {
                    f = f.waivedBy(waiver.get());
                }
                if (stackFile.isPresent() && !rule.spec().stackKey().isEmpty()) {
                    Optional<Finding.StackLine> line = stackFile.get().lineOf(rule.spec().stackKey());
                    if (line.isPresent()) {
                        f = f.tracedTo(line.get());
                    }
                }
                all.add(f);
            }
            if (rule instanceof Noting noting) {
                notes.addAll(noting.notes(model));
            }
        }
        return new Report(target, stackFile.map(StackFileLines::file), model.sources().size(), all, notes);
    }

    private static Findings check(Rule rule, Model model) {
        Findings findings = new Findings(rule.spec());
        rule.check(model, findings);
        return findings;
    }

    private static Findings await(Future<Findings> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema checks", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One daemon thread for the schema layer: it never keeps the JVM alive. */
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "validate-schema");
        t.setDaemon(true);
        return t;
    });

    /** A rule that also has something to say when nothing is wrong (e.g. quota headroom). */
    public interface Noting {
        List<String> notes(Model model);
    }
}
