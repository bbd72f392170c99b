package dev.voiceplane.app.smartwhitelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

    /** Weekday quiet hours in Berlin: 22:00 to 07:00, starting Monday to Friday. */
    private static final TimeWindow QUIET = new TimeWindow("MON,TUE,WED,THU,FRI", LocalTime.of(22, 0), LocalTime.of(7, 0), "Europe/Berlin");

    @Test
    void aWindowOverMidnightBelongsToTheDayItStarts() {
        assertThat(QUIET.contains(Instant.parse("2026-11-20T21:30:00Z"))).as("Friday 22:30 Berlin").isTrue();
        assertThat(QUIET.contains(Instant.parse("2026-11-21T05:00:00Z"))).as("Saturday 06:00 Berlin, Friday's window").isTrue();
        assertThat(QUIET.contains(Instant.parse("2026-11-21T21:30:00Z"))).as("Saturday 22:30 Berlin").isFalse();
        assertThat(QUIET.contains(Instant.parse("2026-11-23T05:00:00Z"))).as("Monday 06:00 Berlin, Sunday's window").isFalse();
        assertThat(QUIET.contains(Instant.parse("2026-11-18T12:00:00Z"))).as("Wednesday 13:00 Berlin").isFalse();
    }

    @Test
    void badWindowsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new TimeWindow("MON", LocalTime.NOON, LocalTime.NOON, "UTC")).hasMessageContaining("must differ");
        assertThatThrownBy(() -> new TimeWindow("MONDAY", LocalTime.NOON, LocalTime.MIDNIGHT, "UTC")).hasMessageContaining("'MONDAY'");
        assertThatThrownBy(() -> new TimeWindow(null, LocalTime.NOON, LocalTime.MIDNIGHT, "Mars/Olympus")).hasMessageContaining("not a time zone");
    }

    @Test
    void numberPatternsAreWildcardsNotRegularExpressions() {
        assertThat(new NumberPattern("+4930*").matches("+4930123456")).isTrue();
        assertThat(new NumberPattern("+4930*").matches("+4940123456")).isFalse();
        assertThat(new NumberPattern("*00?0").matches("+491510010")).isTrue();
        assertThatThrownBy(() -> new NumberPattern("+49.*")).hasMessageContaining("must use only");
    }
}
