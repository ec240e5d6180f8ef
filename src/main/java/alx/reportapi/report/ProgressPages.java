package alx.reportapi.report;

import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keyset pages of one company's reporting rows (README, Behavior 25): the snapshot in key order
 * ({@code userid}, {@code courseid}) and the change feed in {@code last_updated} order. A page is
 * found by its key, never an offset, so rows written or deleted while a client pages neither shift
 * nor repeat the rest; every statement is bound to the token's company.
 */
public final class ProgressPages {

    private ProgressPages() {
    }

    /**
     * Up to {@code limit} live rows after the key (userId, courseId), in key order.
     *
     * @param courses only these courses, when not empty
     * @param disabled never these courses (switched off for the company)
     */
    public static List<ProgressRow> snapshot(Session session, long companyId, long afterUser, long afterCourse,
            Collection<Long> courses, Collection<Long> disabled, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(companyId, afterUser, afterUser, afterCourse));
        StringBuilder sql = new StringBuilder("SELECT " + ProgressRow.COLUMNS + " FROM {local_alx_api_reporting}"
                + " WHERE companyid = ? AND is_deleted = 0 AND (userid > ? OR (userid = ? AND courseid > ?))");
        courseFilters(sql, parameters, courses, disabled);
        sql.append(" ORDER BY userid, courseid LIMIT ?");
        parameters.add(limit);
        return session.list(sql.toString(), ProgressRow::read, parameters.toArray());
    }

    /**
     * Up to {@code limit} changes after {@code position} and stamped no later than {@code settledUpTo},
     * live rows and tombstones alike, in feed order.
     */
    public static List<ProgressRow> changes(Session session, long companyId, ChangePosition position,
            long settledUpTo, Collection<Long> courses, Collection<Long> disabled, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(companyId, position.lastUpdated(), settledUpTo,
                position.lastUpdated(), position.lastUpdated(), position.userId(), position.userId(),
                position.courseId()));
        StringBuilder sql = new StringBuilder("SELECT " + ProgressRow.COLUMNS + " FROM {local_alx_api_reporting}"
                + " WHERE companyid = ? AND last_updated >= ? AND last_updated <= ?"
                + " AND (last_updated > ? OR (last_updated = ? AND (userid > ? OR (userid = ? AND courseid > ?))))");
        courseFilters(sql, parameters, courses, disabled);
        sql.append(" ORDER BY last_updated, userid, courseid LIMIT ?");
        parameters.add(limit);
        return session.list(sql.toString(), ProgressRow::read, parameters.toArray());
    }

    private static void courseFilters(StringBuilder sql, List<Object> parameters, Collection<Long> courses,
            Collection<Long> disabled) {
        if (!courses.isEmpty()) {
            sql.append(" AND courseid IN (").append("?,".repeat(courses.size() - 1)).append("?)");
            parameters.addAll(courses);
        }
        if (!disabled.isEmpty()) {
            sql.append(" AND courseid NOT IN (").append("?,".repeat(disabled.size() - 1)).append("?)");
            parameters.addAll(disabled);
        }
    }
}
