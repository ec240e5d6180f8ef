package alx.reportapi.report;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keyset pages of one company's reporting rows (README, Behavior 25): the snapshot in key order
 * ({@code userid}, {@code courseid}) and the change feed in {@code last_updated} order. A page is
 * found by its key, never an offset, so rows written or deleted while a client pages neither shift
 * nor repeat the rest; every statement is bound to the token's company.
 */
public final class ProgressPages {

    /** The index V32 adds, without the table prefix. */
    static final String KEY_ORDER_INDEX = "locaalxapirepo_comisdusecou_ix";

    private ProgressPages() {
    }

    /**
     * Hands {@code sink} up to {@code limit} live rows after the key (userId, courseId), in key order,
     * each as it is read.
     *
     * @param courses only these courses, when not empty
     * @param disabled never these courses (switched off for the company)
     */
    public static void snapshot(Session session, long companyId, long afterUser, long afterCourse,
            Collection<Long> courses, Collection<Long> disabled, int limit, Consumer<ProgressRow> sink)
            throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(companyId, afterUser, afterUser, afterCourse));
        StringBuilder sql = new StringBuilder("SELECT " + ProgressRow.COLUMNS + " FROM {local_alx_api_reporting}"
                + keyOrderIndex(session)
                + " WHERE companyid = ? AND is_deleted = 0 AND (userid > ? OR (userid = ? AND courseid > ?))");
        courseFilters(sql, parameters, "courseid", courses, disabled);
        sql.append(" ORDER BY userid, courseid LIMIT ?");
        parameters.add(limit);
        session.each(sql.toString(), ProgressRow::read, sink, parameters.toArray());
    }

    /**
     * Up to {@code limit} changes after {@code position} and stamped no later than {@code settledUpTo},
     * live rows and tombstones alike, in feed order; a tombstone carries why its pair was deleted,
     * where that is known.
     */
    public static List<ProgressChange> changes(Session session, long companyId, ChangePosition position,
            long settledUpTo, Collection<Long> courses, Collection<Long> disabled, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(companyId, position.lastUpdated(), settledUpTo,
                position.lastUpdated(), position.lastUpdated(), position.userId(), position.userId(),
                position.courseId()));
        StringBuilder sql = new StringBuilder("SELECT " + ProgressRow.columnsOf("r") + ", t.reason"
                + " FROM {local_alx_api_reporting} r"
                + " LEFT JOIN {local_alx_api_tombstone_reasons} t ON r.is_deleted = 1 AND t.companyid = r.companyid"
                + " AND t.userid = r.userid AND t.courseid = r.courseid"
                + " WHERE r.companyid = ? AND r.last_updated >= ? AND r.last_updated <= ?"
                + " AND (r.last_updated > ? OR (r.last_updated = ? AND (r.userid > ? OR (r.userid = ? AND r.courseid > ?))))");
        courseFilters(sql, parameters, "r.courseid", courses, disabled);
        sql.append(" ORDER BY r.last_updated, r.userid, r.courseid LIMIT ?");
        parameters.add(limit);
        return session.list(sql.toString(), rs -> new ProgressChange(ProgressRow.read(rs), rs.getString(15)),
                parameters.toArray());
    }

    /**
     * On MariaDB, the index on (companyid, is_deleted, userid, courseid), named: left to choose,
     * MariaDB reads it by the company alone and walks the company's entries from the first up to the
     * key, so that the middle page of 510,000 rows read 250,000 entries and the last page took 4.6
     * times the first (docs/BENCHMARKS.md, "The report API"); named, it reads the range after the key.
     * The demo's H2 chooses well and knows no such hint.
     */
    private static String keyOrderIndex(Session session) throws SQLException {
        return Database.isMysql(session.connection())
                ? " FORCE INDEX (" + session.database().prefix().value() + KEY_ORDER_INDEX + ")" : "";
    }

    private static void courseFilters(StringBuilder sql, List<Object> parameters, String courseColumn,
            Collection<Long> courses, Collection<Long> disabled) {
        if (!courses.isEmpty()) {
            sql.append(" AND ").append(courseColumn).append(" IN (").append("?,".repeat(courses.size() - 1)).append("?)");
            parameters.addAll(courses);
        }
        if (!disabled.isEmpty()) {
            sql.append(" AND ").append(courseColumn).append(" NOT IN (").append("?,".repeat(disabled.size() - 1)).append("?)");
            parameters.addAll(disabled);
        }
    }
}
