package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.testing.MoodleChanges;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
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
 * The report API's snapshot read while the real sync rewrites the reporting table (every company's
 * cursor gone, as after a takeover from the PHP plugin, so every company's pass is full), a page
 * between each of the sync's writes: every row live before and after is returned exactly once.
 * Then further source changes and a run: the snapshot plus the change feed since its watermark is
 * exactly the table.
 */
class SnapshotDuringSyncMariaDbTest {

    private static final long SEED = 41;
    private static final long COMPANY = 1;
    private static final long SETTLE_SECONDS = 2;

    private SyncedSiteWithReportApi site;
    private Database database;
    private SyncHarness harness;

    @BeforeEach
    void syncedSite() throws Exception {
        site = new SyncedSiteWithReportApi("snapshotsync", SEED, COMPANY, SETTLE_SECONDS);
        database = site.database();
        harness = site.harness();
    }

    @AfterEach
    void close() throws Exception {
        site.close();
    }

    @Test
    void aSnapshotDuringAFullSyncReturnsEveryLiveRowOnceAndItsChangesCatchUpWithTheTable() throws Exception {
        Set<String> liveBefore = liveKeys();
        assertTrue(liveBefore.size() > 200, "a company with rows to page: " + liveBefore.size());
        new MoodleChanges(database, SEED).apply(60);
        Session.autoCommit(database, 10, session -> session.update("DELETE FROM {local_alx_api_sync_status}"));

        Map<String, JsonObject> snapshot = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        String[] cursor = {null};
        String[] watermark = {null};
        boolean[] done = {false};
        int[] pages = {0};
        var run = harness.run(3600, 100, item -> {
            if (!done[0]) {
                done[0] = !page(snapshot, duplicates, cursor, watermark);
                pages[0]++;
            }
        });
        assertEquals(RunOutcome.COMPLETED, run.outcome(), run.message());
        assertTrue(pages[0] > 2, "pages read while the sync wrote: " + pages[0]);
        while (!done[0]) {
            done[0] = !page(snapshot, duplicates, cursor, watermark);
        }
        assertEquals(List.of(), duplicates, "no row twice");
        Set<String> liveThroughout = new HashSet<>(liveBefore);
        liveThroughout.retainAll(liveKeys());
        Set<String> missing = new HashSet<>(liveThroughout);
        missing.removeAll(snapshot.keySet());
        assertEquals(Set.of(), missing, "every row live before and after the sync is in the snapshot");

        new MoodleChanges(database, SEED + 1).apply(40);
        harness.clock().advance(java.time.Duration.ofHours(1));
        assertEquals(RunOutcome.COMPLETED, harness.run(3600, 100).outcome());
        Thread.sleep((SETTLE_SECONDS + 1) * 1000);
        Map<String, String> replica = new TreeMap<>();
        snapshot.forEach((key, row) -> replica.put(key, values(row)));
        String next = null;
        int changePages = 0;
        do {
            JsonObject page = ok(next == null ? site.call("course-progress/changes", "since", watermark[0], "page_size",
                    "200") : site.call("course-progress/changes", "cursor", next, "page_size", "200"));
            for (JsonValue value : page.getJsonArray("changes")) {
                JsonObject change = value.asJsonObject();
                if (change.getString("op").equals("delete")) {
                    JsonObject key = change.getJsonObject("key");
                    replica.remove(key.getInt("userid") + "/" + key.getInt("courseid"));
                } else {
                    JsonObject row = change.getJsonObject("row");
                    replica.put(row.getInt("userid") + "/" + row.getInt("courseid"), values(row));
                }
            }
            next = page.isNull("next_cursor") ? null : page.getString("next_cursor");
            changePages++;
        } while (next != null && changePages < 1000);
        assertEquals(table(), replica, "the snapshot plus its changes is the table");
    }

    /** Reads the next snapshot page; false once the scan has ended. */
    private boolean page(Map<String, JsonObject> snapshot, List<String> duplicates, String[] cursor,
            String[] watermark) {
        JsonObject page = ok(cursor[0] == null ? site.call("course-progress", "page_size", "25")
                : site.call("course-progress", "page_size", "25", "cursor", cursor[0]));
        for (JsonValue value : page.getJsonArray("data")) {
            JsonObject row = value.asJsonObject();
            String key = row.getInt("userid") + "/" + row.getInt("courseid");
            if (snapshot.put(key, row) != null) {
                duplicates.add(key);
            }
        }
        if (watermark[0] == null) {
            watermark[0] = page.getString("watermark");
        }
        cursor[0] = page.isNull("next_cursor") ? null : page.getString("next_cursor");
        return cursor[0] != null;
    }

    private static String values(JsonObject row) {
        return row.getJsonNumber("percentage").bigDecimalValue().stripTrailingZeros().toPlainString() + " "
                + row.getString("status") + " " + row.getJsonNumber("timecompleted_unix") + " "
                + row.getJsonNumber("timestarted_unix");
    }

    private Map<String, String> table() throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        Session.autoCommit(database, 30, session -> session.list("SELECT userid, courseid, percentage, status,"
                + " timecompleted, timestarted FROM {local_alx_api_reporting} WHERE companyid = ? AND is_deleted = 0",
                rs -> rows.put(rs.getLong(1) + "/" + rs.getLong(2), rs.getBigDecimal(3).stripTrailingZeros()
                        .toPlainString() + " " + rs.getString(4) + " " + rs.getLong(5) + " " + rs.getLong(6)),
                COMPANY));
        return rows;
    }

    private Set<String> liveKeys() throws SQLException {
        return new HashSet<>(table().keySet());
    }



}
