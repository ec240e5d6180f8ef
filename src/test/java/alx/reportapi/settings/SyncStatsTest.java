package alx.reportapi.settings;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncStatsTest {

    @Test
    void isWrittenAsPhpJsonEncodeWritesAnArray() {
        SyncStats stats = new SyncStats(3, 1200, 45, 1, 87, 1_760_000_000L);
        assertEquals("{\"companies_processed\":3,\"total_records_updated\":1200,\"total_records_created\":45,"
                + "\"errors\":1,\"duration_seconds\":87,\"timestamp\":1760000000}", stats.toJson());
    }

    @Test
    void largeCountsStayPlainDigits() {
        SyncStats stats = new SyncStats(0, Long.MAX_VALUE, 0, 0, 0, 0);
        assertTrue(stats.toJson().contains("\"total_records_updated\":9223372036854775807,"), stats.toJson());
    }

    @Test
    void refusesNegativeCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyncStats(1, 0, 0, -1, 0, 0));
        assertEquals("errors cannot be negative, got -1", e.getMessage());
    }
}
