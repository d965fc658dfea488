package io.tickettriage.assignment;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tickettriage.system.AfterCommit;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.ticket.TeamCatalog;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teams' business hours, which their service-level targets count in. A change applies to tickets routed to the
 * team, moved to it or given another priority afterwards, as a change of targets does.
 */
@Service
public class TeamHours {

    private final HoursStore hours;
    private final TeamCatalog teams;
    private final Clock clock;

    TeamHours(HoursStore hours, TeamCatalog teams, Clock clock) {
        this.hours = hours;
        this.teams = teams;
        this.clock = clock;
    }

    /**
     * A team's working time as the API shows it; {@code calendarTime} true (and the rest null) when it has none.
     *
     * @param days  MON, TUE, ... in week order
     * @param start local time the working day starts, {@code HH:MM}
     * @param end   local time it ends, {@code HH:MM}, after start
     */
    public record View(String team, boolean calendarTime, @Nullable String timeZone, @Nullable List<String> days,
            @Nullable String start, @Nullable String end) {
    }

    public View get(String team) {
        String known = team(team);
        return hours.find(known).map(set -> view(known, set))
                .orElseGet(() -> new View(known, true, null, null, null, null));
    }

    @Transactional
    public View set(String team, @Nullable String timeZone, @Nullable List<String> days, @Nullable String start,
            @Nullable String end) {
        String known = team(team);
        BusinessHours set = new BusinessHours(zone(timeZone), days(days), time("start", start), time("end", end));
        if (!set.end().isAfter(set.start())) {
            throw new InvalidFieldException("end", "end must be after start (a working day within one calendar day)");
        }
        hours.put(known, set, clock.instant());
        AfterCommit.run(hours::forget);
        return view(known, set);
    }

    /** Back to calendar time. */
    @Transactional
    public View clear(String team) {
        String known = team(team);
        hours.delete(known);
        AfterCommit.run(hours::forget);
        return new View(known, true, null, null, null, null);
    }

    private static View view(String team, BusinessHours set) {
        return new View(team, false, set.zone().getId(), set.dayNames(), set.start().toString(), set.end().toString());
    }

    private String team(@Nullable String value) {
        return teams.requireTeam(value, "team");
    }

    private static ZoneId zone(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException("time_zone", "time_zone is required: an IANA zone such as Europe/Paris");
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw new InvalidFieldException("time_zone", "Unknown time zone '" + value + "'; use an IANA zone such as "
                    + "Europe/Paris or America/New_York");
        }
    }

    private static Set<DayOfWeek> days(@Nullable List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidFieldException("days", "days is required: the working days, e.g. [\"MON\", \"TUE\", "
                    + "\"WED\", \"THU\", \"FRI\"]");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String value : values) {
            days.add(BusinessHours.parseDay(value).orElseThrow(() -> new InvalidFieldException("days",
                    "Unknown day '" + value + "'; use MON, TUE, WED, THU, FRI, SAT or SUN")));
        }
        return days;
    }

    private static LocalTime time(String field, @Nullable String value) {
        if (value == null || !value.strip().matches("\\d{2}:\\d{2}")) {
            throw new InvalidFieldException(field, field + " is required as HH:MM, e.g. 09:00");
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not a time of day (HH:MM, 00:00 to 23:59)");
        }
    }
}
