package alx.reportapi.moodle;

import alx.reportapi.db.Session;
import alx.reportapi.testing.GeneratedSiteDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The qualification rule says the same whichever way it is read: a company's qualifying pairs
 * listed from its members, and each pair tested on its own from its course. On a generated site,
 * whose learners have several enrolments in a course and disabled instances, and with a learner
 * given the student role in a course where they hold no enrolment (the PHP plugin's untied join
 * reported such a pair).
 */
class QualificationMariaDbTest {

    @RegisterExtension
    static final GeneratedSiteDatabase site = new GeneratedSiteDatabase("qualification");

    @Test
    void everyMemberAndCourseOfACompanyQualifiesTestedAloneExactlyWhenTheCompanysListHoldsIt() throws SQLException {
        site.onFirstCompany((session, company) -> {
            Pair roleWithoutEnrolment = studentRoleWithoutEnrolment(session, company);
            // Every member with every course, none marked as qualifying: each is tested by the rule.
            session.update("INSERT INTO {local_alx_api_pending_pairs} (companyid, userid, courseid, qualified)"
                    + " SELECT cu.companyid, cu.userid, c.id, 0 FROM {company_users} cu CROSS JOIN {course} c"
                    + " WHERE cu.companyid = ?", company);

            Set<Pair> listed = new HashSet<>(session.list("SELECT userid, courseid FROM ("
                    + Qualification.pairsOfCompany() + ") q", rs -> new Pair(rs.getLong(1), rs.getLong(2)), company));
            Set<Pair> testedAlone = new HashSet<>(session.list(PerRowExists.plan(
                    "SELECT p.userid, p.courseid FROM {local_alx_api_pending_pairs} p WHERE p.companyid = ? AND "
                            + Qualification.qualifies("p")), rs -> new Pair(rs.getLong(1), rs.getLong(2)), company));
            long candidates = session.number("SELECT COUNT(*) FROM {local_alx_api_pending_pairs} WHERE companyid = ?",
                    company);

            assertTrue(listed.size() > 500 && candidates - listed.size() > 500,
                    "the company has qualifying pairs and many more that do not: " + listed.size() + " of " + candidates);
            assertFalse(listed.contains(roleWithoutEnrolment), "a role without an enrolment is not listed");
            assertFalse(testedAlone.contains(roleWithoutEnrolment), "a role without an enrolment does not qualify");
            assertEquals(listed, testedAlone);
        });
    }

    /**
     * Gives a member who is a student somewhere the student role in a course they are not enrolled
     * in, and returns that pair.
     */
    private static Pair studentRoleWithoutEnrolment(Session session, long company) throws SQLException {
        long student = session.number("SELECT id FROM {role} WHERE shortname = 'student'");
        long user = session.number("""
                SELECT MIN(cu.userid) FROM {company_users} cu
                 WHERE cu.companyid = ? AND EXISTS (SELECT 1 FROM {role_assignments} ra
                                                     WHERE ra.userid = cu.userid AND ra.roleid = ?)""",
                company, student);
        long course = session.number("""
                SELECT MIN(c.id) FROM {course} c
                 WHERE c.id <> ? AND c.visible = 1 AND NOT EXISTS (SELECT 1 FROM {enrol} e
                         JOIN {user_enrolments} ue ON ue.enrolid = e.id WHERE e.courseid = c.id AND ue.userid = ?)""",
                Qualification.SITE_COURSE, user);
        long context = session.number("SELECT id FROM {context} WHERE contextlevel = ? AND instanceid = ?",
                Qualification.COURSE_CONTEXT, course);
        session.update("INSERT INTO {role_assignments} (roleid, contextid, userid) VALUES (?, ?, ?)", student, context,
                user);
        return new Pair(user, course);
    }
}
