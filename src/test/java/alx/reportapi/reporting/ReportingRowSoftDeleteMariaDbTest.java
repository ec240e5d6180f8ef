package alx.reportapi.reporting;

import alx.reportapi.db.Session;
import alx.reportapi.moodle.Pair;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Soft deletes are set-based, many pairs to a statement: each listed pair's live row is deleted
 * once and counted once, with its tombstone reason, across more pairs than one statement takes;
 * a pair without a live row is not counted, and no other row of the company or of another company
 * is touched.
 */
class ReportingRowSoftDeleteMariaDbTest {

    private static final long COMPANY = 1;
    private static final long OTHER_COMPANY = 2;
    private static final long COURSE = 10;
    /** More than one statement's pairs, and a last statement that is padded. */
    private static final int LISTED_LIVE = ReportingRowStore.PAIRS_PER_STATEMENT + 45;

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("softdelete");

    @Test
    void everyListedLiveRowIsDeletedAndCountedOnceAndNoOtherRow() throws SQLException {
        // Users 1..LISTED_LIVE+10 hold a live row in the course in both companies; user 0 is
        // listed but holds no row, and the row of LISTED_LIVE+1 is deleted already.
        int users = LISTED_LIVE + 10;
        for (long user = 1; user <= users; user++) {
            for (long company : new long[] {COMPANY, OTHER_COMPANY}) {
                execute("INSERT INTO {local_alx_api_reporting} (userid, companyid, courseid, is_deleted)"
                        + " VALUES (?, ?, ?, ?)", user, company, COURSE, user == LISTED_LIVE + 1 && company == COMPANY ? 1 : 0);
            }
        }
        List<Pair> listed = new ArrayList<>();
        listed.add(new Pair(0, COURSE));
        for (long user = 1; user <= LISTED_LIVE + 1; user++) {
            listed.add(new Pair(user, COURSE));
        }
        listed.add(new Pair(1, COURSE));

        int deleted;
        try (Connection connection = mariaDb.database().connect()) {
            deleted = new ReportingRowStore().softDelete(Session.of(mariaDb.database(), connection, 30), COMPANY,
                    listed);
        }

        assertEquals(LISTED_LIVE, deleted, "each listed live row counted once");
        assertEquals(0, count("SELECT COUNT(*) FROM {local_alx_api_reporting} WHERE companyid = ? AND is_deleted = 0"
                + " AND userid <= ?", COMPANY, LISTED_LIVE), "every listed live row is deleted");
        assertEquals(users - LISTED_LIVE - 1, count("SELECT COUNT(*) FROM {local_alx_api_reporting}"
                + " WHERE companyid = ? AND is_deleted = 0", COMPANY), "the company's other rows stay live");
        assertEquals(users, count("SELECT COUNT(*) FROM {local_alx_api_reporting} WHERE companyid = ? AND is_deleted = 0",
                OTHER_COMPANY), "another company's rows of the same pairs stay live");
        assertEquals(LISTED_LIVE, count("SELECT COUNT(*) FROM {local_alx_api_tombstone_reasons} WHERE companyid = ?",
                COMPANY), "a tombstone reason for each deleted row");
    }

    @Test
    void aSinglePairIsDeletedAloneThoughItsStatementRepeatsIt() throws SQLException {
        for (long user = 1; user <= 3; user++) {
            execute("INSERT INTO {local_alx_api_reporting} (userid, companyid, courseid, is_deleted) VALUES (?, ?, ?, 0)",
                    user, COMPANY, COURSE);
        }
        int deleted;
        try (Connection connection = mariaDb.database().connect()) {
            deleted = new ReportingRowStore().softDelete(Session.of(mariaDb.database(), connection, 30), COMPANY,
                    List.of(new Pair(2, COURSE)));
        }
        assertEquals(1, deleted);
        assertEquals(List.of(1L, 3L), Session.autoCommit(mariaDb.database(), 30, session -> session.list(
                "SELECT userid FROM {local_alx_api_reporting} WHERE companyid = ? AND is_deleted = 0 ORDER BY userid",
                rs -> rs.getLong(1), COMPANY)), "only the listed pair's row is deleted");
    }

    private long count(String sql, Object... parameters) throws SQLException {
        return Session.autoCommit(mariaDb.database(), 30, session -> session.number(sql, parameters));
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        Session.autoCommit(mariaDb.database(), 30, session -> session.update(sql, parameters));
    }
}
