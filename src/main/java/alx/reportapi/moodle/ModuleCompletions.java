package alx.reportapi.moodle;

import alx.reportapi.db.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The module facts of a page's pairs, summed here from the module completions of the page's
 * users. Which course a module belongs to and whether it is tracked comes from the run's
 * {@link ModuleIndex}: grouped inside MariaDB, each completion would also cost a lookup of its
 * module and a temporary table.
 * <p>
 * A module the run's scan did not see (added since) is looked up as it is now. A module whose
 * tracking changed since the scan counts as the scan saw it, as the course's tracked count does;
 * the change moved the course's fingerprint, so the next run derives the course's pairs again.
 */
final class ModuleCompletions {

    /** Modules looked up per statement when the scan did not see them. */
    private static final int UNSEEN_MODULES_PER_LOOKUP = 500;

    private final String completionsSql;

    /**
     * @param completionsSql returns (userid, coursemoduleid, completionstate, timemodified) for the
     *                       page's users; its parameters name the page
     */
    ModuleCompletions(String completionsSql) {
        this.completionsSql = completionsSql;
    }

    Map<Pair, ModuleFacts> facts(Session session, Object[] page, ModuleIndex modules) throws SQLException {
        Map<Pair, ModuleFacts> facts = new HashMap<>();
        List<long[]> unseen = new ArrayList<>();
        try (PreparedStatement statement = session.prepare(completionsSql, page)) {
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long userId = rs.getLong(1);
                    long moduleId = rs.getLong(2);
                    int state = rs.getInt(3);
                    long timeModified = rs.getLong(4);
                    int index = modules.indexOf(moduleId);
                    if (index < 0) {
                        unseen.add(new long[] {userId, moduleId, state, timeModified});
                    } else {
                        add(facts, userId, modules.courseAt(index), modules.trackedAt(index), state, timeModified);
                    }
                }
            }
        }
        if (!unseen.isEmpty()) {
            addUnseen(session, facts, unseen);
        }
        return facts;
    }

    private static void add(Map<Pair, ModuleFacts> facts, long userId, long courseId, boolean tracked, int state,
            long timeModified) {
        facts.merge(new Pair(userId, courseId), ModuleFacts.NONE.plus(tracked, state, timeModified),
                (sum, one) -> sum.plus(tracked, state, timeModified));
    }

    /** Completions of modules the run's scan did not see: their modules as they are now. */
    private static void addUnseen(Session session, Map<Pair, ModuleFacts> facts, List<long[]> unseen)
            throws SQLException {
        Map<Long, long[]> seenNow = new HashMap<>();
        List<Long> ids = unseen.stream().map(completion -> completion[1]).distinct().toList();
        for (int from = 0; from < ids.size(); from += UNSEEN_MODULES_PER_LOOKUP) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + UNSEEN_MODULES_PER_LOOKUP));
            StringJoiner placeholders = new StringJoiner(",", "(", ")");
            batch.forEach(id -> placeholders.add("?"));
            try (PreparedStatement statement = session.prepare(
                    "SELECT id, course, completion, deletioninprogress FROM {course_modules} WHERE id IN "
                            + placeholders, batch.toArray())) {
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        seenNow.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getInt(3) > 0 && rs.getInt(4) == 0
                                ? 1 : 0});
                    }
                }
            }
        }
        for (long[] completion : unseen) {
            long[] module = seenNow.get(completion[1]);
            // A completion of a module deleted since has no course: the joined statement dropped it too.
            if (module != null) {
                add(facts, completion[0], module[0], module[1] == 1, (int) completion[2], completion[3]);
            }
        }
    }
}
