package alx.reportapi.report;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.testing.TestDatabase;
import alx.reportapi.testing.TestSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot page costs MariaDB about a page of index entries wherever the key lies (README,
 * Behavior 25): a large company whose learners joined after another company's is paged from its
 * first key, its middle and its last page, and the index entries and rows MariaDB read for each
 * page (its session's handler counters) stay within a few pages' worth.
 */
class ProgressPagesMariaDbTest {

    private static final int PAGE = 500;
    private static TestDatabase testDatabase;
    private static Database database;

    @BeforeAll
    static void table() throws SQLException {
        testDatabase = TestDatabase.create("progresspages");
        database = TestSchemas.moodleSubsetAndPluginTables(testDatabase.database());
        // Company 1: users 1-30,000 in 10 courses; company 2 (the large one): users 30,001-60,000.
        // Written 50,000 rows a transaction: one statement of all 600,000 takes more row locks than
        // MariaDB's default 128 MB buffer pool can hold.
        for (int firstUser = 1; firstUser <= 60_000; firstUser += 5_000) {
            String users = "seq_" + firstUser + "_to_" + (firstUser + 4_999);
            Session.autoCommit(database, 300, session -> session.update("INSERT INTO {local_alx_api_reporting}"
                    + " (userid, companyid, courseid, firstname, lastname, email, username, coursename,"
                    + " last_updated, timecreated) SELECT u.seq, 1 + (u.seq > 30000), c.seq, 'F', 'L',"
                    + " 'e@example.com', CONCAT('u', u.seq), 'Course', 1000, 1000 FROM " + users + " u"
                    + " JOIN seq_2_to_11 c"));
        }
        Session.autoCommit(database, 300, session -> session.list("ANALYZE TABLE {local_alx_api_reporting}",
                rs -> rs.getString(1)));
    }

    @AfterAll
    static void drop() {
        testDatabase.close();
    }

    @Test
    void aPageReadsAboutAPageOfEntriesAtTheStartTheMiddleAndTheEndOfALargeCompany() throws SQLException {
        long[][] keys = {{0, 0}, {45_000, 5}, {59_950, 5}};
        for (long[] key : keys) {
            long[] read = new long[1];
            List<ProgressRow> rows = Session.autoCommit(database, 60, session -> {
                long before = handlerReads(session);
                List<ProgressRow> page = new ArrayList<>();
                ProgressPages.snapshot(session, 2, key[0], key[1], Set.of(), Set.of(), PAGE + 1, page::add);
                read[0] = handlerReads(session) - before;
                return page;
            });
            assertEquals(PAGE + 1, rows.size());
            assertTrue(rows.get(0).userId() > key[0] || rows.get(0).courseId() > key[1]);
            assertTrue(read[0] <= 4L * (PAGE + 1), "the page after user " + key[0] + " read " + read[0]
                    + " index entries and rows");
        }
    }

    /** Entries and rows this session's handlers read so far, those index condition pushdown filtered too. */
    private static long handlerReads(Session session) throws SQLException {
        return session.list("SHOW SESSION STATUS WHERE Variable_name LIKE 'Handler_read%'"
                + " OR Variable_name = 'Handler_icp_attempts'", rs -> rs.getLong(2)).stream()
                .mapToLong(Long::longValue).sum();
    }
}
