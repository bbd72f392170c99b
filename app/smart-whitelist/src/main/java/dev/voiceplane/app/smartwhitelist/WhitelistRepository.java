package dev.voiceplane.app.smartwhitelist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Lists and rules in PostgreSQL, the source of truth; every method is one short transaction. */
public final class WhitelistRepository {

    private static final String ENTRY_COLUMNS = "id, user_id, number, kind, source, label, created_at";

    private final Jdbi jdbi;

    public WhitelistRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<ListEntry> entries(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM list_entry WHERE user_id = :u ORDER BY id")
                .bind("u", userId).map((rs, ctx) -> entry(rs)).list());
    }

    /**
     * Adds the number; a number is on at most one list. When it is on the other list already, it is
     * moved only when the request says {@code replace}; otherwise the entry it is on comes back
     * (empty result) and nothing changes.
     */
    public Optional<ListEntry> putEntry(String userId, NewListEntry entry) {
        return jdbi.inTransaction(h -> {
            Optional<ListEntry> existing = h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM list_entry WHERE user_id = :u AND number = :n FOR UPDATE")
                    .bind("u", userId).bind("n", entry.number()).map((rs, ctx) -> entry(rs)).findOne();
            if (existing.isPresent() && existing.get().kind() != entry.kind() && !entry.replace()) {
                return Optional.<ListEntry>empty();
            }
            return Optional.of(h.createQuery("""
                            INSERT INTO list_entry (user_id, number, kind, source, label) VALUES (:u, :n, :k, 'MANUAL', :l)
                            ON CONFLICT (user_id, number) DO UPDATE SET kind = EXCLUDED.kind, source = 'MANUAL', label = EXCLUDED.label
                            RETURNING\s""" + ENTRY_COLUMNS)
                    .bind("u", userId).bind("n", entry.number()).bind("k", entry.kind().name()).bind("l", entry.label())
                    .map((rs, ctx) -> entry(rs)).one());
        });
    }

    public boolean deleteEntry(String userId, long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM list_entry WHERE user_id = :u AND id = :id")
                .bind("u", userId).bind("id", id).execute()) > 0;
    }

    /** Replaces the imported contacts; numbers the user put on a list by hand keep their list. */
    public int replaceContacts(String userId, List<Contact> contacts) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM list_entry WHERE user_id = :u AND source = 'CONTACT'").bind("u", userId).execute();
            var batch = h.prepareBatch("""
                    INSERT INTO list_entry (user_id, number, kind, source, label) VALUES (:u, :n, 'ALLOW', 'CONTACT', :l)
                    ON CONFLICT (user_id, number) DO NOTHING""");
            for (Contact contact : contacts) {
                batch.bind("u", userId).bind("n", contact.number()).bind("l", contact.name()).add();
            }
            return contacts.isEmpty() ? 0 : java.util.Arrays.stream(batch.execute()).sum();
        });
    }

    public List<Rule> rules(String userId) {
        return jdbi.withHandle(h -> rules(h, userId));
    }

    public Rule addRule(String userId, NewRule rule) {
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO rule (user_id, name, pattern, days, start_time, end_time, time_zone, action, priority)
                        VALUES (:u, :name, :pattern, :days, :start, :end, :zone, :action, :priority)""")
                .bind("u", userId).bind("name", rule.name()).bind("pattern", rule.pattern())
                .bind("days", rule.start() == null ? null : rule.days())
                .bind("start", rule.start()).bind("end", rule.end()).bind("zone", rule.timeZone())
                .bind("action", rule.action().name()).bind("priority", rule.priority())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return rule.toRule(id);
    }

    public boolean deleteRule(String userId, long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM rule WHERE user_id = :u AND id = :id")
                .bind("u", userId).bind("id", id).execute()) > 0;
    }

    /** Deletes every list entry, contact and rule of {@code userId} (GDPR erasure); returns how many of each went. */
    public java.util.Map<String, Integer> eraseUser(String userId) {
        return jdbi.inTransaction(h -> {
            java.util.Map<String, Integer> erased = new java.util.LinkedHashMap<>();
            erased.put("entries", h.createUpdate("DELETE FROM list_entry WHERE user_id = :u").bind("u", userId).execute());
            erased.put("rules", h.createUpdate("DELETE FROM rule WHERE user_id = :u").bind("u", userId).execute());
            return erased;
        });
    }

    /** Everything a decision needs for one user, read in one transaction so lists and rules agree. */
    public UserWhitelist snapshot(String userId) {
        return jdbi.inTransaction(h -> {
            Set<String> allowed = new HashSet<>();
            Set<String> blocked = new HashSet<>();
            h.createQuery("SELECT number, kind FROM list_entry WHERE user_id = :u").bind("u", userId)
                    .map((rs, ctx) -> ("BLOCK".equals(rs.getString("kind")) ? blocked : allowed).add(rs.getString("number")))
                    .list();
            return new UserWhitelist(allowed, blocked, rules(h, userId));
        });
    }

    private static List<Rule> rules(Handle h, String userId) {
        return h.createQuery("SELECT * FROM rule WHERE user_id = :u ORDER BY priority, id").bind("u", userId)
                .map((rs, ctx) -> rule(rs)).list();
    }

    private static ListEntry entry(ResultSet rs) throws SQLException {
        return new ListEntry(rs.getLong("id"), rs.getString("user_id"), rs.getString("number"), ListKind.valueOf(rs.getString("kind")),
                rs.getString("source"), rs.getString("label"), rs.getTimestamp("created_at").toInstant());
    }

    private static Rule rule(ResultSet rs) throws SQLException {
        String pattern = rs.getString("pattern");
        Optional<LocalTime> start = Optional.ofNullable(rs.getObject("start_time", LocalTime.class));
        TimeWindow window = start.map(s -> {
            try {
                return new TimeWindow(rs.getString("days"), s, rs.getObject("end_time", LocalTime.class), rs.getString("time_zone"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(null);
        return new Rule(rs.getLong("id"), rs.getString("name"), pattern == null ? null : new NumberPattern(pattern), window,
                CallAction.valueOf(rs.getString("action")), rs.getInt("priority"));
    }
}
