package alx.reportapi.settings;

import alx.reportapi.Plugin;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Writes {@code last_auto_sync} and {@code last_sync_stats} exactly as the PHP plugin did
 * ({@code set_config('last_auto_sync', time(), 'local_alx_report_api')}: Unix seconds as plain
 * digits; the stats as a JSON object), so either side reads what the other wrote.
 */
public final class SyncStatsRecorder {

    public static final String LAST_AUTO_SYNC = "last_auto_sync";
    public static final String LAST_SYNC_STATS = "last_sync_stats";

    private static final Logger LOG = Logger.getLogger(SyncStatsRecorder.class.getName());
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,18}");

    private final ConfigPlugins config;

    public SyncStatsRecorder(ConfigPlugins config) {
        this.config = config;
    }

    /** Records a finished automatic sync; both rows change together or not at all. */
    public void recordCompletedRun(SyncStats stats) throws SQLException {
        config.setAll(Map.of(
                LAST_AUTO_SYNC, Long.toString(stats.timestamp()),
                LAST_SYNC_STATS, stats.toJson()));
    }

    /** When the last automatic sync finished, in Unix seconds; empty if never, or if the row is not a time. */
    public OptionalLong lastAutoSync() throws SQLException {
        Optional<String> raw = config.get(LAST_AUTO_SYNC);
        if (raw.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = raw.get().strip();
        if (!UNIX_SECONDS.matcher(text).matches()) {
            LOG.warning(() -> Plugin.LOG_PREFIX + "config_plugins holds " + UntrustedText.quote(raw.get())
                    + " for " + LAST_AUTO_SYNC + ", which is not a Unix time; treating it as never");
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    /** The last run's summary as stored (JSON text, possibly written by the PHP plugin). */
    public Optional<String> lastSyncStatsJson() throws SQLException {
        return config.get(LAST_SYNC_STATS);
    }
}
