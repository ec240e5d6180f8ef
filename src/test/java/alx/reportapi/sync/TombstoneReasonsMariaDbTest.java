package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.reporting.RunOutcome;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static alx.reportapi.sync.SyncedSiteWithReportApi.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each tombstone of the change feed says why its pair left the company's reporting (README,
 * Behavior 25): on a synced site, one change of each kind the reporting rule knows is made the way
 * Moodle or an integration makes it, an incremental run deletes the rows, and the feed since the
 * watermark taken before the changes carries exactly the expected tombstones with their reasons.
 */
class TombstoneReasonsMariaDbTest {

    private static final long SEED = 43;
    private static final long COMPANY = 1;
    private static final long SETTLE_SECONDS = 1;

    private SyncedSiteWithReportApi site;
    private Database database;
    private SyncHarness harness;

    @BeforeEach
    void syncedSite() throws Exception {
        site = new SyncedSiteWithReportApi("tombstones", SEED, COMPANY, SETTLE_SECONDS);
        database = site.database();
        harness = site.harness();
    }

    @AfterEach
    void close() throws Exception {
        site.close();
    }

    @Test
    void everyTombstoneOfTheFeedSaysWhichConditionOfTheRuleItsPairNoLongerMeets() throws Exception {
        List<long[]> live = livePairs();
        long hiddenCourse = live.get(0)[1];
        List<Long> users = new ArrayList<>();
        Map<Long, Long> courseOf = new LinkedHashMap<>();
        for (long[] pair : live) {
            if (pair[1] != hiddenCourse && !users.contains(pair[0]) && users.size() < 5
                    && !learnersOf(hiddenCourse).contains(pair[0])) {
                users.add(pair[0]);
                courseOf.put(pair[0], pair[1]);
            }
        }
        assertEquals(5, users.size(), "five learners outside the hidden course");
        long suspended = users.get(0);
        long deleted = users.get(1);
        long leaver = users.get(2);
        long unenrolled = users.get(3);
        long unassigned = users.get(4);
        String watermark = ok(site.call("course-progress", "page_size", "1")).getString("watermark");
        Thread.sleep(1100);

        execute("UPDATE {user} SET suspended = 1 WHERE id = ?", suspended);
        execute("UPDATE {user} SET deleted = 1 WHERE id = ?", deleted);
        execute("DELETE FROM {company_users} WHERE companyid = ? AND userid = ?", COMPANY, leaver);
        execute("UPDATE {course} SET visible = 0 WHERE id = ?", hiddenCourse);
        execute("DELETE FROM {user_enrolments} WHERE userid = ? AND enrolid IN (SELECT id FROM {enrol}"
                + " WHERE courseid = ?)", unenrolled, courseOf.get(unenrolled));
        execute("DELETE FROM {role_assignments} WHERE userid = ? AND contextid IN (SELECT id FROM {context}"
                + " WHERE contextlevel = 50 AND instanceid = ?)", unassigned, courseOf.get(unassigned));

        Map<String, String> expected = new TreeMap<>();
        for (long[] pair : live) {
            String key = pair[0] + "/" + pair[1];
            if (pair[0] == suspended) {
                expected.put(key, "user_suspended");
            } else if (pair[0] == deleted) {
                expected.put(key, "user_deleted");
            } else if (pair[0] == leaver) {
                expected.put(key, "left_company");
            } else if (pair[1] == hiddenCourse) {
                expected.put(key, "course_hidden");
            } else if (pair[0] == unenrolled && pair[1] == courseOf.get(unenrolled)) {
                expected.put(key, "unenrolled");
            } else if (pair[0] == unassigned && pair[1] == courseOf.get(unassigned)) {
                expected.put(key, "not_a_student");
            }
        }
        assertEquals(Map.of(), tombstones(watermark), "no tombstone before the run");

        harness.clock().advance(Duration.ofHours(1));
        RunEnd run = harness.run(3600, 500);
        assertEquals(RunOutcome.COMPLETED, run.outcome(), run.message());
        Thread.sleep((SETTLE_SECONDS + 1) * 1000);

        assertEquals(expected, tombstones(watermark));
        assertTrue(new HashSet<>(expected.values()).size() == 6, "all six reasons were exercised: " + expected);
    }

    /** The feed's tombstones since the watermark, by pair, with their reasons. */
    private Map<String, String> tombstones(String watermark) {
        Map<String, String> tombstones = new TreeMap<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = ok(next == null
                    ? site.call("course-progress/changes", "since", watermark, "page_size", "100")
                    : site.call("course-progress/changes", "cursor", next, "page_size", "100"));
            for (JsonValue value : page.getJsonArray("changes")) {
                JsonObject change = value.asJsonObject();
                if (change.getString("op").equals("delete")) {
                    JsonObject key = change.getJsonObject("key");
                    tombstones.put(key.getInt("userid") + "/" + key.getInt("courseid"),
                            change.isNull("reason") ? "(none)" : change.getString("reason"));
                }
            }
            next = page.isNull("next_cursor") ? null : page.getString("next_cursor");
            pages++;
        } while (next != null && pages < 1000);
        return tombstones;
    }

    private List<long[]> livePairs() throws SQLException {
        return Session.autoCommit(database, 30, session -> session.list("SELECT userid, courseid"
                + " FROM {local_alx_api_reporting} WHERE companyid = ? AND is_deleted = 0 ORDER BY courseid, userid",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, COMPANY));
    }

    private Set<Long> learnersOf(long course) throws SQLException {
        return new HashSet<>(Session.autoCommit(database, 30, session -> session.list("SELECT userid"
                + " FROM {local_alx_api_reporting} WHERE companyid = ? AND courseid = ?", rs -> rs.getLong(1),
                COMPANY, course)));
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        Session.autoCommit(database, 30, session -> session.update(sql, parameters));
    }



}
