package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.ReportingRow;

import java.util.List;

/**
 * A page after derivation: the rows of the pairs that qualify, and the pairs that no longer do
 * (their live rows are soft-deleted).
 */
public record DerivedPage(PairPage page, List<ReportingRow> rows, List<Pair> noLongerQualifying) {
}
