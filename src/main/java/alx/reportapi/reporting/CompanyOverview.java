package alx.reportapi.reporting;

import java.util.Optional;

/**
 * One company as the overview shows it.
 *
 * @param lastSyncTimestamp the company's cursor (Unix time), empty if it was never synced
 * @param lastSyncStatus    the plugin's status word of its last sync, empty if never synced
 */
public record CompanyOverview(long id, String name, String shortname, boolean suspended, long users, long courses,
        Optional<Long> lastSyncTimestamp, Optional<String> lastSyncStatus, long lastSyncRecords) {

    public String syncState() {
        return lastSyncStatus.orElse("never synced");
    }
}
