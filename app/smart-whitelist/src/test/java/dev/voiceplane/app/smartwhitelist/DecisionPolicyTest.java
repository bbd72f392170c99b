package dev.voiceplane.app.smartwhitelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DecisionPolicyTest {

    private static final String CALLER = "+4930123456";
    private static final Instant MONDAY_NOON_UTC = Instant.parse("2026-11-16T12:00:00Z");
    private static final Supplier<ProfileLookup> NO_PROFILE = () -> new ProfileLookup(Optional.empty(), "unknown");
    private static final Supplier<ProfileLookup> MUST_NOT_ASK = () -> {
        throw new AssertionError("the profile must not be fetched when the user's lists decide");
    };

    private static Supplier<ProfileLookup> profile(double score) {
        return () -> new ProfileLookup(Optional.of(new CallerProfile(CALLER, score, "SCAM", 40)), "cache");
    }

    private static UserWhitelist lists(Set<String> allowed, Set<String> blocked, Rule... rules) {
        return new UserWhitelist(allowed, blocked, List.of(rules));
    }

    @Test
    void theBlockListWinsOverEverything() {
        Rule putThrough = new Rule(1, "all", new NumberPattern("*"), null, CallAction.PUT_THROUGH, 0);
        Decision decision = DecisionPolicy.decide(lists(Set.of(CALLER), Set.of(CALLER), putThrough), CALLER, MONDAY_NOON_UTC, MUST_NOT_ASK);
        assertThat(decision.action()).isEqualTo(CallAction.BLOCK);
        assertThat(decision.reason()).isEqualTo("blocklist");
    }

    @Test
    void theFirstMatchingRuleDecidesBeforeTheAllowList() {
        Rule quietHours = new Rule(7, "quiet", null, new TimeWindow("MON", LocalTime.of(11, 0), LocalTime.of(13, 0), "UTC"),
                CallAction.AI_ANSWER, 1);
        Rule berlin = new Rule(8, "berlin", new NumberPattern("+4930*"), null, CallAction.BLOCK, 2);
        Decision decision = DecisionPolicy.decide(lists(Set.of(CALLER), Set.of(), quietHours, berlin), CALLER, MONDAY_NOON_UTC, MUST_NOT_ASK);
        assertThat(decision.action()).isEqualTo(CallAction.AI_ANSWER);
        assertThat(decision.ruleId()).isEqualTo(7L);
    }

    @Test
    void anAllowedCallerIsPutThroughWithoutAskingForAProfile() {
        Decision decision = DecisionPolicy.decide(lists(Set.of(CALLER), Set.of()), CALLER, MONDAY_NOON_UTC, MUST_NOT_ASK);
        assertThat(decision.action()).isEqualTo(CallAction.PUT_THROUGH);
    }

    @Test
    void aLikelySpammerIsBlockedAndADoubtfulOneScreened() {
        assertThat(DecisionPolicy.decide(lists(Set.of(), Set.of()), CALLER, MONDAY_NOON_UTC, profile(0.95)).action())
                .isEqualTo(CallAction.BLOCK);
        assertThat(DecisionPolicy.decide(lists(Set.of(), Set.of()), CALLER, MONDAY_NOON_UTC, profile(0.5)).action())
                .isEqualTo(CallAction.AI_ANSWER);
    }

    @Test
    void anUnknownCallerIsAnsweredByTheAi() {
        Decision decision = DecisionPolicy.decide(lists(Set.of(), Set.of()), CALLER, MONDAY_NOON_UTC, NO_PROFILE);
        assertThat(decision.action()).isEqualTo(CallAction.AI_ANSWER);
        assertThat(decision.reason()).isEqualTo("unknown-caller");
        assertThat(decision.degraded()).isFalse();
    }

    @Test
    void withoutProfilesTheDecisionDegradesToScreening() {
        Decision decision = DecisionPolicy.decide(lists(Set.of(), Set.of()), CALLER, MONDAY_NOON_UTC, ProfileLookup::unavailable);
        assertThat(decision.action()).isEqualTo(CallAction.AI_ANSWER);
        assertThat(decision.degraded()).isTrue();
    }
}
