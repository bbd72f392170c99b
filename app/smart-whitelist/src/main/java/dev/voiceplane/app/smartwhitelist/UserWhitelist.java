package dev.voiceplane.app.smartwhitelist;

import java.util.List;
import java.util.Set;

/**
 * Everything one user has configured, as one immutable snapshot: the unit that is cached in Redis
 * and that a decision reads.
 *
 * @param allowed numbers on the allow list (including imported contacts)
 * @param blocked numbers on the block list
 * @param rules   rules in evaluation order (priority, then id)
 */
public record UserWhitelist(Set<String> allowed, Set<String> blocked, List<Rule> rules) {

    public UserWhitelist {
        allowed = Set.copyOf(allowed);
        blocked = Set.copyOf(blocked);
        rules = List.copyOf(rules);
    }
}
