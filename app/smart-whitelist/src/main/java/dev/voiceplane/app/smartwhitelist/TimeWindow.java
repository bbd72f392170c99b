package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.http.Input;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A weekly window in the user's time zone, e.g. weekdays 22:00–07:00 ("quiet hours"). A window
 * whose end is before its start runs over midnight and belongs to the day it starts on.
 *
 * @param days  days the window starts on, as {@code MON,TUE,...}
 * @param start first minute inside
 * @param end   first minute outside
 * @param zone  IANA time zone, e.g. {@code Europe/Berlin}
 */
public record TimeWindow(String days, LocalTime start, LocalTime end, String zone) {

    public TimeWindow {
        Input.require(start != null && end != null, "a time window needs both 'start' and 'end' (HH:mm)");
        Input.require(!start.equals(end), "a time window's 'start' and 'end' must differ");
        Input.require(zone != null, "a time window needs a 'timeZone', e.g. Europe/Berlin");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("field 'timeZone' is not a time zone: '" + zone + "'");
        }
        days = days == null || days.isBlank() ? "MON,TUE,WED,THU,FRI,SAT,SUN" : days.toUpperCase(Locale.ROOT).replace(" ", "");
        parseDays(days);
    }

    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(ZoneId.of(zone));
        LocalTime time = local.toLocalTime();
        Set<DayOfWeek> startDays = parseDays(days);
        if (start.isBefore(end)) {
            return startDays.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        // Over midnight: the evening part belongs to today, the morning part to yesterday's window.
        if (!time.isBefore(start)) {
            return startDays.contains(local.getDayOfWeek());
        }
        return time.isBefore(end) && startDays.contains(local.getDayOfWeek().minus(1));
    }

    private static Set<DayOfWeek> parseDays(String days) {
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (String day : days.split(",")) {
            DayOfWeek match = null;
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().startsWith(day) && day.length() == 3) {
                    match = d;
                }
            }
            Input.require(match != null, "field 'days' must list days as MON,TUE,WED,THU,FRI,SAT,SUN; got '" + day + "'");
            result.add(match);
        }
        return result;
    }

    static String format(Set<DayOfWeek> days) {
        return days.stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
    }
}
