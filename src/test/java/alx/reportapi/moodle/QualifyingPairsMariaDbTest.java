package alx.reportapi.moodle;

import alx.reportapi.db.Database;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A company's qualifying pairs read ahead of its full pass: each once, in key order, and bounded. */
class QualifyingPairsMariaDbTest {

    private static final long COMPANY = 1;
    private static TestDatabase testDatabase;
    private static Database database;

    @BeforeAll
    static void loadSite() throws SQLException {
        testDatabase = TestDatabase.create("qualifying");
        database = testDatabase.database();
        GeneratedMoodle.load(database, 5, 0.01);
        // A second active enrolment of one qualifying pair: the rule's join yields the pair twice.
        Pair doubled = distinctQualifyingPairs().get(0);
        execute("INSERT INTO {enrol} (id, enrol, status, courseid) VALUES (900000, 'self', 0, " + doubled.courseId() + ")");
        execute("INSERT INTO {user_enrolments} (enrolid, userid, status) VALUES (900000, " + doubled.userId() + ", 0)");
    }

    @AfterAll
    static void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void theCompanysPairsAreReadOnceEachInKeyOrder() throws SQLException {
        List<Pair> expected = distinctQualifyingPairs();
        assertTrue(expected.size() > 10, "the generated company has pairs: " + expected.size());
        QualifyingPairs read = QualifyingPairs.read(database, COMPANY, 1_000_000, 30).orElseThrow();
        assertEquals(COMPANY, read.companyId());
        assertEquals(expected, new ArrayList<>(read.pairs()));
        assertTrue(read.readAt() > 0);
    }

    @Test
    void aCompanyWithMoreRowsThanTheLimitIsLeftToTheDetection() throws SQLException {
        int rows = ruleRows();
        assertTrue(rows > distinctQualifyingPairs().size(), "the doubled enrolment yields one pair twice");
        assertTrue(QualifyingPairs.read(database, COMPANY, rows, 30).isPresent(), "exactly the limit is read");
        assertEquals(Optional.empty(), QualifyingPairs.read(database, COMPANY, rows - 1, 30));
    }

    private static List<Pair> distinctQualifyingPairs() throws SQLException {
        List<Pair> pairs = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(database.sql("SELECT DISTINCT q.userid, q.courseid FROM ("
                     + Qualification.pairsOfCompany().replace("?", Long.toString(COMPANY))
                     + ") q ORDER BY q.userid, q.courseid"))) {
            while (rs.next()) {
                pairs.add(new Pair(rs.getLong(1), rs.getLong(2)));
            }
        }
        return pairs;
    }

    private static int ruleRows() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(database.sql("SELECT COUNT(*) FROM ("
                     + Qualification.pairsOfCompany().replace("?", Long.toString(COMPANY)) + ") q"))) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(String template) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(database.sql(template));
        }
    }
}
