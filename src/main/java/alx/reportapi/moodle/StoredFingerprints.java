package alx.reportapi.moodle;

import java.util.Map;

/**
 * A company's stored module fingerprints.
 *
 * @param confirmed  by course: what the company's last completed pass saw
 * @param anyPending true when a pass that did not complete left what it saw behind
 */
public record StoredFingerprints(Map<Long, String> confirmed, boolean anyPending) {

    public StoredFingerprints {
        confirmed = Map.copyOf(confirmed);
    }
}
