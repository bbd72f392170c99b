package dev.voiceplane.validate;

/**
 * One check of validate: a {@link RuleSpec} and the code that finds its violations in a {@link Model}.
 * Rules report through {@link Findings}; waivers, stack lines and ordering are the engine's business.
 */
public interface Rule {
    RuleSpec spec();

    void check(Model model, Findings findings);
}
