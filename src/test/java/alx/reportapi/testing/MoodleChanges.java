package alx.reportapi.testing;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Changes to the Moodle tables, each made the way Moodle itself makes it: a change Moodle
 * timestamps bumps its {@code timemodified}; the ones Moodle does not timestamp (an unenrolment,
 * leaving a company, a new tracked module) leave no trace but the change itself.
 * <p>
 * The untraced kinds (see {@link Kind#timestamped}) each have a public method that makes exactly
 * that change to a pair whose reporting row it alters, and returns the (user, course) pairs it
 * touched; {@link #apply(int, Set)} mixes any kinds at random.
 */
public final class MoodleChanges {

    /** Every kind of change the sync must reflect. */
    public enum Kind {
        COMPLETION_ADDED(true), COMPLETION_REMOVED(true), COURSE_COMPLETED(true), ENROLMENT_STATUS_FLIPPED(true),
        UNENROLLED(true), USER_SUSPENDED(true), USER_DELETED(true), USER_RENAMED(true), USER_LEFT_COMPANY(true),
        USER_JOINED_SECOND_COMPANY(true), COURSE_HIDDEN_OR_SHOWN(true), COURSE_RENAMED(true),
        TRACKED_MODULE_ADDED(true),
        /** {@link #resetCourseCompletion}. */
        COURSE_RESET(false),
        /** {@link #completeCourseBackdated}, an hour before now. */
        COURSE_COMPLETION_BACKDATED(false),
        /** {@link #completeModuleStampedAt}, eight minutes before now. */
        MODULE_COMPLETION_STAMPED_EARLIER(false),
        /** {@link #hideCourseInPlace}. */
        COURSE_HIDDEN_IN_PLACE(false),
        /** {@link #suspendUserInPlace}. */
        USER_SUSPENDED_IN_PLACE(false),
        /** {@link #moveMembershipToAnotherCompany}. */
        MEMBERSHIP_MOVED(false),
        /** {@link #toggleInstancesCancellingOut}. */
        INSTANCES_TOGGLED_CANCELLING_OUT(false),
        /** {@link #removeEarlierOfTwoEnrolments}. */
        EARLIER_ENROLMENT_REMOVED(false),
        /** {@link #deleteTrackedModule}. */
        TRACKED_MODULE_DELETED(false),
        /** {@link #startDeletingTrackedModule}. */
        TRACKED_MODULE_DELETION_IN_PROGRESS(false),
        /** {@link #resetActivityCompletion}. */
        ACTIVITY_COMPLETION_RESET(false),
        /** {@link #unlockCompletionCriteria}. */
        COMPLETION_CRITERIA_UNLOCKED(false),
        /** {@link #deleteUserInPlace}. */
        USER_DELETED_IN_PLACE(false);

        /**
         * Whether the change leaves a timestamp at or after the moment it is made (or is one of
         * the untimed deletions and inserts the sync has caught since its first version); the
         * others are the traces issue 19 lists.
         */
        public final boolean timestamped;

        Kind(boolean timestamped) {
            this.timestamped = timestamped;
        }

        /** The kinds every version of the sync reflects on its next run. */
        public static Set<Kind> timestampedKinds() {
            return Arrays.stream(values()).filter(kind -> kind.timestamped)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class)));
        }
    }

    /** A (user, course) pair a change touched. */
    public record UserCourse(long userId, long courseId) {
    }

    /**
     * Pairs that qualify for a reporting row as Moodle's tables say (the same rule as the oracle,
     * written as SQL of its own), with the company: the changes below choose among them, so that
     * each one alters a row the table holds.
     */
    private static final String QUALIFYING = """
            SELECT DISTINCT ue.userid, e.courseid, cu.companyid
              FROM {user_enrolments} ue
              JOIN {enrol} e ON e.id = ue.enrolid AND e.status = 0
              JOIN {user} u ON u.id = ue.userid AND u.deleted = 0 AND u.suspended = 0
              JOIN {course} c ON c.id = e.courseid AND c.visible = 1 AND c.id > 1
              JOIN {context} ctx ON ctx.contextlevel = 50 AND ctx.instanceid = c.id
              JOIN {role_assignments} ra ON ra.contextid = ctx.id AND ra.userid = ue.userid
              JOIN {role} r ON r.id = ra.roleid AND r.shortname = 'student'
              JOIN {company_users} cu ON cu.userid = ue.userid
             WHERE ue.status = 0""";

    private final Database database;
    private final Random random;
    private final Map<Kind, Integer> applied = new EnumMap<>(Kind.class);

    public MoodleChanges(Database database, long seed) {
        this.database = database;
        this.random = new Random(seed);
    }

    /** Applies {@code count} random changes of every kind, every kind at least once when count allows. */
    public Map<Kind, Integer> apply(int count) throws SQLException {
        return apply(count, EnumSet.allOf(Kind.class));
    }

    /** Applies {@code count} random changes of the given kinds, every kind at least once when count allows. */
    public Map<Kind, Integer> apply(int count, Set<Kind> mix) throws SQLException {
        Kind[] kinds = mix.toArray(new Kind[0]);
        try (Connection connection = database.connect()) {
            for (int i = 0; i < count; i++) {
                Kind kind = i < kinds.length ? kinds[i] : kinds[random.nextInt(kinds.length)];
                if (apply(connection, kind)) {
                    applied.merge(kind, 1, Integer::sum);
                }
            }
        }
        return applied;
    }

    private boolean apply(Connection c, Kind kind) throws SQLException {
        return switch (kind) {
            case COURSE_RESET -> !resetCourseCompletion(c).isEmpty();
            case COURSE_COMPLETION_BACKDATED -> !completeCourseBackdated(c, databaseNow(c) - 3600).isEmpty();
            case MODULE_COMPLETION_STAMPED_EARLIER -> !completeModuleStampedAt(c, databaseNow(c) - 480).isEmpty();
            case COURSE_HIDDEN_IN_PLACE -> !hideCourseInPlace(c).isEmpty();
            case USER_SUSPENDED_IN_PLACE -> !suspendUserInPlace(c).isEmpty();
            case MEMBERSHIP_MOVED -> !moveMembershipToAnotherCompany(c).isEmpty();
            case INSTANCES_TOGGLED_CANCELLING_OUT -> !toggleInstancesCancellingOut(c).isEmpty();
            case EARLIER_ENROLMENT_REMOVED -> !removeEarlierOfTwoEnrolments(c).isEmpty();
            case TRACKED_MODULE_DELETED -> !deleteTrackedModule(c).isEmpty();
            case TRACKED_MODULE_DELETION_IN_PROGRESS -> !startDeletingTrackedModule(c).isEmpty();
            case ACTIVITY_COMPLETION_RESET -> !resetActivityCompletion(c).isEmpty();
            case COMPLETION_CRITERIA_UNLOCKED -> !unlockCompletionCriteria(c).isEmpty();
            case USER_DELETED_IN_PLACE -> !deleteUserInPlace(c).isEmpty();
            case COMPLETION_ADDED -> {
                long[] pick = pick(c, """
                        SELECT ue.userid, cm.id FROM {user_enrolments} ue JOIN {enrol} e ON e.id = ue.enrolid
                          JOIN {course_modules} cm ON cm.course = e.courseid AND cm.completion > 0
                         WHERE NOT EXISTS (SELECT 1 FROM {course_modules_completion} x
                                            WHERE x.userid = ue.userid AND x.coursemoduleid = cm.id)""");
                yield pick != null && update(c, "INSERT INTO {course_modules_completion}"
                        + " (coursemoduleid, userid, completionstate, timemodified) VALUES (?, ?, 1, UNIX_TIMESTAMP())",
                        pick[1], pick[0]);
            }
            case COMPLETION_REMOVED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {course_modules_completion} WHERE completionstate IN (1, 2)");
                // Moodle resets a completion to incomplete and stamps it; it does not delete the row.
                yield pick != null && update(c, "UPDATE {course_modules_completion} SET completionstate = 0,"
                        + " timemodified = UNIX_TIMESTAMP() WHERE id = ?", pick[0]);
            }
            case COURSE_COMPLETED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {course_completions} WHERE timecompleted IS NULL");
                yield pick != null && update(c, "UPDATE {course_completions} SET timecompleted = UNIX_TIMESTAMP()"
                        + " WHERE id = ?", pick[0]);
            }
            case ENROLMENT_STATUS_FLIPPED -> {
                long[] pick = pick(c, "SELECT id, status FROM {user_enrolments}");
                yield pick != null && update(c, "UPDATE {user_enrolments} SET status = ?, timemodified = UNIX_TIMESTAMP()"
                        + " WHERE id = ?", 1 - pick[1], pick[0]);
            }
            case UNENROLLED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {user_enrolments} WHERE status = 0");
                yield pick != null && update(c, "DELETE FROM {user_enrolments} WHERE id = ?", pick[0]);
            }
            case USER_SUSPENDED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {user} WHERE id > 2 AND suspended = 0 AND deleted = 0");
                yield pick != null && update(c, "UPDATE {user} SET suspended = 1, timemodified = UNIX_TIMESTAMP()"
                        + " WHERE id = ?", pick[0]);
            }
            case USER_DELETED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {user} WHERE id > 2 AND deleted = 0");
                yield pick != null && update(c, "UPDATE {user} SET deleted = 1, timemodified = UNIX_TIMESTAMP()"
                        + " WHERE id = ?", pick[0]);
            }
            case USER_RENAMED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {user} WHERE id > 2 AND deleted = 0");
                yield pick != null && update(c, "UPDATE {user} SET lastname = CONCAT(lastname, '-Renamed'),"
                        + " timemodified = UNIX_TIMESTAMP() WHERE id = ?", pick[0]);
            }
            case USER_LEFT_COMPANY -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {company_users}");
                yield pick != null && update(c, "DELETE FROM {company_users} WHERE id = ?", pick[0]);
            }
            case USER_JOINED_SECOND_COMPANY -> {
                long[] pick = pick(c, """
                        SELECT cu.userid, co.id FROM {company_users} cu JOIN {company} co ON co.id <> cu.companyid
                         WHERE NOT EXISTS (SELECT 1 FROM {company_users} x WHERE x.userid = cu.userid AND x.companyid = co.id)""");
                yield pick != null && update(c, "INSERT INTO {company_users} (companyid, userid) VALUES (?, ?)",
                        pick[1], pick[0]);
            }
            case COURSE_HIDDEN_OR_SHOWN -> {
                // Flipped rather than only hidden, so that many rounds do not hide every course.
                long[] pick = pick(c, "SELECT id, 0 FROM {course} WHERE id > 1");
                yield pick != null && update(c, "UPDATE {course} SET visible = 1 - visible,"
                        + " timemodified = UNIX_TIMESTAMP() WHERE id = ?", pick[0]);
            }
            case COURSE_RENAMED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {course} WHERE id > 1");
                yield pick != null && renameCourse(c, pick[0], "CONCAT(fullname, ' (revised)')");
            }
            case TRACKED_MODULE_ADDED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {course} WHERE id > 1");
                // Moodle stamps the module's 'added', but nothing on the enrolments whose percentage drops.
                yield pick != null && update(c, "INSERT INTO {course_modules} (course, completion, deletioninprogress,"
                        + " added) VALUES (?, 1, 0, UNIX_TIMESTAMP())", pick[0]);
            }
        };
    }

    // The untraced changes, each with the trace Moodle leaves. Each picks a pair whose reporting row
    // it alters and returns the pairs it touched; empty when the site has no such pair.

    /** A pair that qualifies now (see QUALIFYING), as {@code q}. */
    private static final String QUALIFIED_PAIRS = "(" + QUALIFYING + ") q";
    private static final String COURSE_COMPLETED = "EXISTS (SELECT 1 FROM {course_completions} cc"
            + " WHERE cc.userid = q.userid AND cc.course = q.courseid AND cc.timecompleted > 0)";
    private static final String COURSE_NOT_COMPLETED = "NOT " + COURSE_COMPLETED;
    private static final String EFFECTIVE_START = "CASE WHEN %1$s.timestart > 0 THEN %1$s.timestart ELSE %1$s.timecreated END";

    /**
     * A course reset with "delete completion data" (course/reset.php, reset_course_userdata, which
     * calls completion_info::delete_all_completion_data): every course_modules_completion row of the
     * course's modules and every course_completions row of the course are deleted. No timestamp
     * remains anywhere. (Moodle deletes course_completion_crit_compl too; the subset does not hold
     * that table, which the sync never reads.)
     */
    public List<UserCourse> resetCourseCompletion() throws SQLException {
        try (Connection c = database.connect()) {
            return resetCourseCompletion(c);
        }
    }

    private List<UserCourse> resetCourseCompletion(Connection c) throws SQLException {
        long[] pick = pick(c, "SELECT q.courseid, 0 FROM " + QUALIFIED_PAIRS
                + " WHERE " + COURSE_COMPLETED);
        if (pick == null) {
            return List.of();
        }
        long course = pick[0];
        List<UserCourse> touched = pairs(c, "SELECT DISTINCT q.userid, q.courseid FROM " + QUALIFIED_PAIRS
                + " WHERE q.courseid = ? AND (EXISTS (SELECT 1 FROM {course_completions} cc WHERE cc.userid = q.userid"
                + " AND cc.course = q.courseid) OR EXISTS (SELECT 1 FROM {course_modules_completion} cmc"
                + " JOIN {course_modules} cm ON cm.id = cmc.coursemoduleid WHERE cmc.userid = q.userid"
                + " AND cm.course = q.courseid))", course);
        update(c, "DELETE FROM {course_modules_completion} WHERE coursemoduleid IN"
                + " (SELECT id FROM {course_modules} WHERE course = ?)", course);
        update(c, "DELETE FROM {course_completions} WHERE course = ?", course);
        return touched;
    }

    /**
     * Moodle's completion cron completing a course late (aggregate_completions, then
     * completion_completion::mark_complete): {@code course_completions.timecompleted} is set in place
     * to the latest criterion's time, {@code timecompleted}, which is usually hours before the write
     * and before the last run's cursor.
     */
    public List<UserCourse> completeCourseBackdated(long timecompleted) throws SQLException {
        try (Connection c = database.connect()) {
            return completeCourseBackdated(c, timecompleted);
        }
    }

    private List<UserCourse> completeCourseBackdated(Connection c, long timecompleted) throws SQLException {
        long[] pick = pick(c, "SELECT q.userid, q.courseid FROM " + QUALIFIED_PAIRS
                + " WHERE EXISTS (SELECT 1 FROM {course_completions} cc WHERE cc.userid = q.userid"
                + " AND cc.course = q.courseid AND cc.timecompleted IS NULL)");
        if (pick == null) {
            return List.of();
        }
        update(c, "UPDATE {course_completions} SET timecompleted = ? WHERE userid = ? AND course = ?",
                timecompleted, pick[0], pick[1]);
        return List.of(new UserCourse(pick[0], pick[1]));
    }

    /**
     * A module completion stamped with {@code timemodified}, as completion_info::update_state stamps
     * it with the web server's time when the request runs: the test chooses the stamp (a slow clock,
     * or a transaction that commits minutes after it stamped its rows) and when to call this (after
     * a run's collection of changes, for one).
     */
    public List<UserCourse> completeModuleStampedAt(long timemodified) throws SQLException {
        try (Connection c = database.connect()) {
            return completeModuleStampedAt(c, timemodified);
        }
    }

    private List<UserCourse> completeModuleStampedAt(Connection c, long timemodified) throws SQLException {
        long[] pick = pick(c, "SELECT q.userid, cm.id, q.courseid FROM " + QUALIFIED_PAIRS
                + " JOIN {course_modules} cm ON cm.course = q.courseid AND cm.completion > 0 AND cm.deletioninprogress = 0"
                + " WHERE " + COURSE_NOT_COMPLETED + " AND NOT EXISTS (SELECT 1 FROM {course_modules_completion} x"
                + " WHERE x.userid = q.userid AND x.coursemoduleid = cm.id)");
        if (pick == null) {
            return List.of();
        }
        update(c, "INSERT INTO {course_modules_completion} (coursemoduleid, userid, completionstate, timemodified)"
                + " VALUES (?, ?, 1, ?)", pick[1], pick[0], timemodified);
        return List.of(new UserCourse(pick[0], pick[2]));
    }

    /**
     * A course hidden with its category (core_course_category hiding sets {@code course.visible = 0}
     * with set_field): {@code course.timemodified} does not move.
     */
    public List<UserCourse> hideCourseInPlace() throws SQLException {
        try (Connection c = database.connect()) {
            return hideCourseInPlace(c);
        }
    }

    private List<UserCourse> hideCourseInPlace(Connection c) throws SQLException {
        long[] pick = pick(c, "SELECT q.courseid, 0 FROM " + QUALIFIED_PAIRS);
        if (pick == null) {
            return List.of();
        }
        List<UserCourse> touched = pairsOfCourse(c, pick[0]);
        update(c, "UPDATE {course} SET visible = 0 WHERE id = ?", pick[0]);
        return touched;
    }

    /**
     * A course renamed as its settings page saves it (update_course): the name set to
     * {@code newName}, an SQL expression of the current one, and {@code course.timemodified}
     * stamped. Returns the course's qualified pairs.
     */
    public List<UserCourse> renameCourse(String newName) throws SQLException {
        try (Connection c = database.connect()) {
            long[] pick = pick(c, "SELECT q.courseid, 0 FROM " + QUALIFIED_PAIRS);
            if (pick == null) {
                return List.of();
            }
            List<UserCourse> touched = pairsOfCourse(c, pick[0]);
            renameCourse(c, pick[0], newName);
            return touched;
        }
    }

    /** How update_course renames: the name, and {@code course.timemodified} stamped. */
    private boolean renameCourse(Connection c, long courseId, String newName) throws SQLException {
        return update(c, "UPDATE {course} SET fullname = " + newName + ", timemodified = UNIX_TIMESTAMP() WHERE id = ?",
                courseId);
    }

    /**
     * Every hidden course shown again, as showing their category does (core_course_category sets
     * {@code course.visible} back in place): {@code course.timemodified} does not move.
     */
    public List<UserCourse> showHiddenCoursesInPlace() throws SQLException {
        try (Connection c = database.connect()) {
            update(c, "UPDATE {course} SET visible = 1 WHERE visible = 0 AND id > 1");
            return pairs(c, "SELECT DISTINCT q.userid, q.courseid FROM " + QUALIFIED_PAIRS);
        }
    }

    /**
     * A user suspended without a timestamp: an auth plugin or an integration writing the field
     * directly ({@code $DB->set_field('user', 'suspended', ...)}, as the auth_db sync does when it
     * revives a user), not through user_update_user, which stamps {@code timemodified}.
     */
    public List<UserCourse> suspendUserInPlace() throws SQLException {
        try (Connection c = database.connect()) {
            return suspendUserInPlace(c);
        }
    }

    private List<UserCourse> suspendUserInPlace(Connection c) throws SQLException {
        long[] pick = pick(c, "SELECT q.userid, 0 FROM " + QUALIFIED_PAIRS);
        if (pick == null) {
            return List.of();
        }
        List<UserCourse> touched = pairsOfUser(c, pick[0]);
        update(c, "UPDATE {user} SET suspended = 1 WHERE id = ?", pick[0]);
        return touched;
    }

    /**
     * A user deleted without a timestamp on the user row, as an auth plugin or an integration that
     * writes {@code user.deleted} directly does (Moodle's own delete_user stamps it).
     */
    public List<UserCourse> deleteUserInPlace() throws SQLException {
        try (Connection c = database.connect()) {
            return deleteUserInPlace(c);
        }
    }

    private List<UserCourse> deleteUserInPlace(Connection c) throws SQLException {
        long[] pick = pick(c, "SELECT q.userid, 0 FROM " + QUALIFIED_PAIRS);
        if (pick == null) {
            return List.of();
        }
        List<UserCourse> touched = pairsOfUser(c, pick[0]);
        update(c, "UPDATE {user} SET deleted = 1 WHERE id = ?", pick[0]);
        return touched;
    }

    /**
     * A membership moved to another company in place ({@code UPDATE company_users SET companyid = ?}):
     * the row keeps its id, so the table's count and id sum stay the same. The user's rows move from
     * one company to the other.
     */
    public List<UserCourse> moveMembershipToAnotherCompany() throws SQLException {
        try (Connection c = database.connect()) {
            return moveMembershipToAnotherCompany(c);
        }
    }

    private List<UserCourse> moveMembershipToAnotherCompany(Connection c) throws SQLException {
        long[] pick = pick(c, "SELECT cu.id, cu.userid FROM {company_users} cu WHERE EXISTS (SELECT 1 FROM "
                + QUALIFIED_PAIRS + " WHERE q.userid = cu.userid AND q.companyid = cu.companyid)"
                + " AND NOT EXISTS (SELECT 1 FROM {company_users} x WHERE x.userid = cu.userid AND x.id <> cu.id)");
        if (pick == null) {
            return List.of();
        }
        long[] target = pick(c, "SELECT co.id, 0 FROM {company} co WHERE co.id <> (SELECT companyid FROM"
                + " {company_users} WHERE id = " + pick[0] + ")");
        if (target == null) {
            return List.of();
        }
        List<UserCourse> touched = pairsOfUser(c, pick[1]);
        update(c, "UPDATE {company_users} SET companyid = ? WHERE id = ?", target[0], pick[0]);
        return touched;
    }

    /**
     * Two enrol instances switched in one go, one off and another on (enrol_plugin::update_status on
     * each), so that the table's count and status sum stay the same. Returns the learners of both.
     */
    public List<UserCourse> toggleInstancesCancellingOut() throws SQLException {
        try (Connection c = database.connect()) {
            return toggleInstancesCancellingOut(c);
        }
    }

    private List<UserCourse> toggleInstancesCancellingOut(Connection c) throws SQLException {
        long[] on = pick(c, "SELECT DISTINCT e.id, e.courseid FROM {enrol} e JOIN {user_enrolments} ue ON ue.enrolid = e.id"
                + " JOIN " + QUALIFIED_PAIRS + " ON q.userid = ue.userid AND q.courseid = e.courseid"
                + " WHERE ue.status = 0 AND e.status = 0");
        long[] off = pick(c, "SELECT DISTINCT e.id, e.courseid FROM {enrol} e JOIN {user_enrolments} ue ON ue.enrolid = e.id"
                + " JOIN {user} u ON u.id = ue.userid AND u.deleted = 0 AND u.suspended = 0"
                + " JOIN {course} co ON co.id = e.courseid AND co.visible = 1"
                + " WHERE ue.status = 0 AND e.status = 1");
        if (on == null || off == null) {
            return List.of();
        }
        List<UserCourse> touched = new ArrayList<>(pairs(c, "SELECT DISTINCT ue.userid, e.courseid FROM {user_enrolments} ue"
                + " JOIN {enrol} e ON e.id = ue.enrolid WHERE e.id IN (?, ?)", on[0], off[0]));
        update(c, "UPDATE {enrol} SET status = 1 WHERE id = ?", on[0]);
        update(c, "UPDATE {enrol} SET status = 0 WHERE id = ?", off[0]);
        return touched;
    }

    /**
     * A learner enrolled twice in a course (through two instances) loses the enrolment that started
     * first (enrol_plugin::unenrol_user deletes its user_enrolments row; the role stays, as another
     * enrolment remains). The pair still qualifies, but its {@code timestarted} moves to the other
     * enrolment's start; the pair chosen has no course_completions start that would hide that.
     */
    public List<UserCourse> removeEarlierOfTwoEnrolments() throws SQLException {
        try (Connection c = database.connect()) {
            return removeEarlierOfTwoEnrolments(c);
        }
    }

    private List<UserCourse> removeEarlierOfTwoEnrolments(Connection c) throws SQLException {
        long[] pick = pickRow(c, "SELECT ue.id, ue.userid, e.courseid FROM {user_enrolments} ue"
                + " JOIN {enrol} e ON e.id = ue.enrolid AND e.status = 0"
                + " WHERE ue.status = 0 AND EXISTS (SELECT 1 FROM {user_enrolments} later"
                + " JOIN {enrol} le ON le.id = later.enrolid AND le.status = 0"
                + " WHERE later.userid = ue.userid AND le.courseid = e.courseid AND later.id <> ue.id AND later.status = 0"
                + " AND " + String.format(EFFECTIVE_START, "later") + " > " + String.format(EFFECTIVE_START, "ue") + ")"
                + " AND EXISTS (SELECT 1 FROM " + QUALIFIED_PAIRS + " WHERE q.userid = ue.userid AND q.courseid = e.courseid)"
                + " AND NOT EXISTS (SELECT 1 FROM {course_completions} cc WHERE cc.userid = ue.userid"
                + " AND cc.course = e.courseid AND cc.timestarted > 0)");
        if (pick == null) {
            return List.of();
        }
        update(c, "DELETE FROM {user_enrolments} WHERE id = ?", pick[0]);
        return List.of(new UserCourse(pick[1], pick[2]));
    }

    /**
     * A tracked module deleted (course_delete_module: completion_info::delete_all_state deletes its
     * course_modules_completion rows, then its course_modules row goes). Every learner of the
     * course who has not completed the course gets a new percentage.
     */
    public List<UserCourse> deleteTrackedModule() throws SQLException {
        try (Connection c = database.connect()) {
            return deleteTrackedModule(c);
        }
    }

    private List<UserCourse> deleteTrackedModule(Connection c) throws SQLException {
        long[] module = pickTrackedModuleOfAnUncompletedPair(c);
        if (module == null) {
            return List.of();
        }
        List<UserCourse> touched = pairsOfCourse(c, module[1]);
        update(c, "DELETE FROM {course_modules_completion} WHERE coursemoduleid = ?", module[0]);
        update(c, "DELETE FROM {course_modules} WHERE id = ?", module[0]);
        return touched;
    }

    /**
     * A tracked module sent to the recycle bin: course_delete_module with asynchronous deletion sets
     * {@code deletioninprogress = 1} and nothing else until the ad hoc task deletes it.
     */
    public List<UserCourse> startDeletingTrackedModule() throws SQLException {
        try (Connection c = database.connect()) {
            return startDeletingTrackedModule(c);
        }
    }

    private List<UserCourse> startDeletingTrackedModule(Connection c) throws SQLException {
        long[] module = pickTrackedModuleOfAnUncompletedPair(c);
        if (module == null) {
            return List.of();
        }
        List<UserCourse> touched = pairsOfCourse(c, module[1]);
        update(c, "UPDATE {course_modules} SET deletioninprogress = 1 WHERE id = ?", module[0]);
        return touched;
    }

    /**
     * An activity's completion reset while it stays tracked (completion_info::reset_all_state, which
     * for manual tracking is delete_all_state): its course_modules_completion rows are deleted, and
     * the module keeps its completion setting.
     */
    public List<UserCourse> resetActivityCompletion() throws SQLException {
        try (Connection c = database.connect()) {
            return resetActivityCompletion(c);
        }
    }

    private List<UserCourse> resetActivityCompletion(Connection c) throws SQLException {
        long[] module = pick(c, "SELECT cmc.coursemoduleid, cm.course FROM {course_modules_completion} cmc"
                + " JOIN {course_modules} cm ON cm.id = cmc.coursemoduleid AND cm.completion > 0 AND cm.deletioninprogress = 0"
                + " JOIN " + QUALIFIED_PAIRS + " ON q.userid = cmc.userid AND q.courseid = cm.course"
                + " WHERE cmc.completionstate IN (1, 2) AND " + COURSE_NOT_COMPLETED);
        if (module == null) {
            return List.of();
        }
        List<UserCourse> touched = pairs(c, "SELECT DISTINCT cmc.userid, cm.course FROM {course_modules_completion} cmc"
                + " JOIN {course_modules} cm ON cm.id = cmc.coursemoduleid WHERE cm.id = ?", module[0]);
        update(c, "DELETE FROM {course_modules_completion} WHERE coursemoduleid = ?", module[0]);
        return touched;
    }

    /**
     * The course completion criteria unlocked (course/completion.php, "unlock criteria and delete
     * existing completion data": completion_info::delete_course_completion_data), which deletes
     * every course_completions row of the course. Module completions stay.
     */
    public List<UserCourse> unlockCompletionCriteria() throws SQLException {
        try (Connection c = database.connect()) {
            return unlockCompletionCriteria(c);
        }
    }

    private List<UserCourse> unlockCompletionCriteria(Connection c) throws SQLException {
        long[] pick = pick(c, "SELECT q.courseid, 0 FROM " + QUALIFIED_PAIRS
                + " WHERE " + COURSE_COMPLETED);
        if (pick == null) {
            return List.of();
        }
        List<UserCourse> touched = pairs(c, "SELECT DISTINCT q.userid, q.courseid FROM " + QUALIFIED_PAIRS
                + " WHERE q.courseid = ? AND EXISTS (SELECT 1 FROM {course_completions} cc WHERE cc.userid = q.userid"
                + " AND cc.course = q.courseid)", pick[0]);
        update(c, "DELETE FROM {course_completions} WHERE course = ?", pick[0]);
        return touched;
    }

    /** {module id, course id} of a tracked module in a course where a qualifying learner has not completed it. */
    private long[] pickTrackedModuleOfAnUncompletedPair(Connection c) throws SQLException {
        return pick(c, "SELECT DISTINCT cm.id, cm.course FROM {course_modules} cm"
                + " JOIN " + QUALIFIED_PAIRS + " ON q.courseid = cm.course"
                + " WHERE cm.completion > 0 AND cm.deletioninprogress = 0 AND " + COURSE_NOT_COMPLETED);
    }

    private List<UserCourse> pairsOfCourse(Connection c, long course) throws SQLException {
        return pairs(c, "SELECT DISTINCT q.userid, q.courseid FROM " + QUALIFIED_PAIRS + " WHERE q.courseid = ?", course);
    }

    private List<UserCourse> pairsOfUser(Connection c, long user) throws SQLException {
        return pairs(c, "SELECT DISTINCT q.userid, q.courseid FROM " + QUALIFIED_PAIRS + " WHERE q.userid = ?", user);
    }

    private List<UserCourse> pairs(Connection c, String template, Object... parameters) throws SQLException {
        List<UserCourse> pairs = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(database.sql(template))) {
            statement.setQueryTimeout(60);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    pairs.add(new UserCourse(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        return pairs;
    }

    private long databaseNow(Connection c) throws SQLException {
        return pick(c, "SELECT UNIX_TIMESTAMP(), 0")[0];
    }

    /** A random row of the query's first two columns, or null if it has none. */
    private long[] pick(Connection c, String template) throws SQLException {
        return pickRow(c, template);
    }

    /** A random row of the query (every column a number), or null if it has none. */
    private long[] pickRow(Connection c, String template) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (Statement statement = c.createStatement()) {
            statement.setQueryTimeout(60);
            try (ResultSet rs = statement.executeQuery(database.sql(template) + " LIMIT 2000")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    long[] row = new long[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getLong(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows.isEmpty() ? null : rows.get(random.nextInt(rows.size()));
    }

    private boolean update(Connection c, String template, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(database.sql(template))) {
            statement.setQueryTimeout(60);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate() > 0;
        }
    }
}
