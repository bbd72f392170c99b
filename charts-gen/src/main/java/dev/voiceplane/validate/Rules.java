package dev.voiceplane.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Small helpers to declare rules whose check is a lambda. */
final class Rules {
    private Rules() {
    }

    /** A rule from its spec and its check. */
    static Rule of(RuleSpec spec, BiConsumer<Model, Findings> check) {
        return new Rule() {
            @Override
            public RuleSpec spec() {
                return spec;
            }

            @Override
            public void check(Model model, Findings findings) {
                check.accept(model, findings);
            }
        };
    }

    /** A check of every container admission sees in every declared pod (injected ones included). */
    interface ContainerCheck {
        void check(Model model, PodTemplate pod, Container container, Findings findings);
    }

    static Rule perContainer(RuleSpec spec, ContainerCheck check) {
        return of(spec, (model, findings) -> {
            for (PodTemplate pod : model.declaredPods()) {
                for (Container c : model.containers(pod)) {
                    check.check(model, pod, c, findings);
                }
            }
        });
    }

    /** A check of every declared pod. */
    interface PodCheck {
        void check(Model model, PodTemplate pod, Findings findings);
    }

    static Rule perPod(RuleSpec spec, PodCheck check) {
        return of(spec, (model, findings) -> model.declaredPods().forEach(pod -> check.check(model, pod, findings)));
    }

    static List<Rule> concat(List<List<Rule>> groups) {
        List<Rule> all = new ArrayList<>();
        groups.forEach(all::addAll);
        return all;
    }
}
