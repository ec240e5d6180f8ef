package alx.reportapi.moodle;

import alx.reportapi.moodle.RowDerivation.Reach;
import alx.reportapi.testing.GeneratedSiteDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page derives the same rows whichever reach reads its module completions and enrolments: the
 * pairs' own rows, or every row of its users. On a generated site, whose learners have several
 * enrolments in a course, disabled instances and completions of untracked modules.
 */
class RowDerivationReachMariaDbTest {

    private static final Pair FIRST = new Pair(0, 0);
    private static final Pair LAST = new Pair(Long.MAX_VALUE, Long.MAX_VALUE);

    @RegisterExtension
    static final GeneratedSiteDatabase site = new GeneratedSiteDatabase("derivreach");

    @Test
    void aCompanysPairsDeriveTheSameRowsReadByPairsAsByUsers() throws SQLException {
        site.onFirstCompany((session, company) -> {
            new ChangeDetector().fillFull(session, company);
            CourseModules modules = ModuleFingerprints.scan(session);
            RowDerivation derivation = new RowDerivation();

            List<ReportingRow> byUsers = sorted(derivation.derive(session, company, FIRST, LAST, Reach.USERS, modules));
            List<ReportingRow> byPairs = sorted(derivation.derive(session, company, FIRST, LAST, Reach.PAIRS, modules));

            assertTrue(byUsers.stream().filter(row -> row.timestarted() > 0).count() > 100,
                    "the company's rows have enrolment starts to compare: " + byUsers.size() + " rows");
            assertTrue(byUsers.stream().filter(row -> row.percentage().signum() > 0
                    && row.percentage().compareTo(BigDecimal.valueOf(100)) < 0).count() > 10,
                    "the company's rows have module progress to compare");
            assertEquals(byUsers, byPairs);
        });
    }

    @Test
    void aPageWithFewPairsAUserReadsByPairsAndOneWithMostOfThemByUsers() {
        List<Pair> oneCourseOfManyLearners = List.of(new Pair(1, 10), new Pair(2, 10), new Pair(3, 10),
                new Pair(3, 11), new Pair(4, 10));
        List<Pair> everyCourseOfTwoLearners = List.of(new Pair(1, 10), new Pair(1, 11), new Pair(1, 12),
                new Pair(2, 10), new Pair(2, 11), new Pair(2, 12));

        assertEquals(Reach.PAIRS, Reach.of(oneCourseOfManyLearners));
        assertEquals(Reach.USERS, Reach.of(everyCourseOfTwoLearners));
    }

    private static List<ReportingRow> sorted(List<ReportingRow> rows) {
        return rows.stream().sorted(Comparator.comparing(ReportingRow::pair)).toList();
    }
}
