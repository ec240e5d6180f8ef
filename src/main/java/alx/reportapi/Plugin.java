package alx.reportapi;

/**
 * The names every part of the product shares with the PHP plugin and with operators' log
 * searches: the plugin's component name and the prefix of every log line.
 */
public final class Plugin {

    /** The Moodle component, as {@code config_plugins.plugin} and the log prefix spell it. */
    public static final String COMPONENT = "local_alx_report_api";

    /** Starts every log line the product writes, so that one search finds them all. */
    public static final String LOG_PREFIX = "[" + COMPONENT + "] ";

    private Plugin() {
    }

    /** The prefix of a log line about one job execution. */
    public static String logPrefix(long executionId) {
        return LOG_PREFIX + "[execution " + executionId + "] ";
    }
}
