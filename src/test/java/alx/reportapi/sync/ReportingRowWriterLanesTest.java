package alx.reportapi.sync;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The writer deals the companies it starts to its lanes in turn, so the most due start first. */
class ReportingRowWriterLanesTest {

    @Test
    void companiesAreDealtToTheLanesInTurn() {
        assertEquals(List.of(List.of(1, 3, 5), List.of(2, 4)), ReportingRowWriter.lanes(List.of(1, 2, 3, 4, 5)));
    }

    @Test
    void oneCompanyMakesOneLane() {
        assertEquals(List.of(List.of(7)), ReportingRowWriter.lanes(List.of(7)));
    }
}
