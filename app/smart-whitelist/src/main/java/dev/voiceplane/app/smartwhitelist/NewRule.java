package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.http.Input;
import java.time.LocalTime;

/** Request body of {@code POST /api/users/{userId}/rules}; a rule needs a pattern, a window or both. */
public record NewRule(String name, String pattern, String days, LocalTime start, LocalTime end, String timeZone,
        CallAction action, Integer priority) {

    public NewRule {
        name = Input.text("name", name, 100);
        Input.require(action != null, "field 'action' is required: PUT_THROUGH, AI_ANSWER or BLOCK");
        boolean hasWindow = start != null || end != null || timeZone != null || days != null;
        Input.require(pattern != null || hasWindow, "a rule needs a 'pattern', a time window ('start', 'end', 'timeZone') or both");
        if (pattern != null) {
            new NumberPattern(pattern);
        }
        if (hasWindow) {
            days = new TimeWindow(days, start, end, timeZone).days();
        }
        priority = priority == null ? 100 : priority;
        Input.require(priority >= 0 && priority <= 10_000, "field 'priority' must be between 0 and 10000");
    }

    public Rule toRule(long id) {
        NumberPattern numberPattern = pattern == null ? null : new NumberPattern(pattern);
        TimeWindow window = start == null ? null : new TimeWindow(days, start, end, timeZone);
        return new Rule(id, name, numberPattern, window, action, priority);
    }
}
