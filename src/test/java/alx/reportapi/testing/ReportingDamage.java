package alx.reportapi.testing;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import java.sql.SQLException;

/**
 * Makes the reporting table differ from the oracle in every way a full pass must repair, as a
 * table the PHP plugin left behind would: live rows with wrong values, rows missing, and live rows
 * of pairs that do not qualify. A test that forces a full resync starts from it, so that its final
 * oracle check fails if the resync does nothing.
 */
public final class ReportingDamage {

    private ReportingDamage() {
    }

    /** Damages the table; fails if the oracle would not notice. */
    public static void apply(Database database) throws SQLException {
        Session.autoCommit(database, 60, session -> {
            long now = session.now();
            // Wrong values, as the PHP plugin's enrolment join not limited to the course wrote them.
            session.update("UPDATE {local_alx_api_reporting} SET percentage = 0, status = 'not_started',"
                    + " timecompleted = 0, timestarted = timestarted + 1 WHERE is_deleted = 0 AND MOD(userid, 7) = 0");
            // Rows missing altogether.
            session.update("DELETE FROM {local_alx_api_reporting} WHERE is_deleted = 0 AND MOD(userid, 11) = 1");
            // Tombstones live again, and a live row per company for the admin, who is never enrolled.
            session.update("UPDATE {local_alx_api_reporting} SET is_deleted = 0 WHERE is_deleted = 1 AND MOD(userid, 3) = 0");
            session.update("INSERT INTO {local_alx_api_reporting} (userid, companyid, courseid, firstname, lastname, email,"
                    + " username, coursename, status, last_updated, is_deleted, timecreated, timemodified)"
                    + " SELECT 2, id, 2, 'Admin', 'User', 'admin@example.com', 'admin', 'Stray', 'completed', ?, 0, ?, ?"
                    + " FROM {company} ON DUPLICATE KEY UPDATE is_deleted = 0", now, now, now);
            return null;
        });
        if (ReportingOracle.differences(database).isEmpty()) {
            throw new AssertionError("the damaged reporting table still equals the oracle");
        }
    }
}
