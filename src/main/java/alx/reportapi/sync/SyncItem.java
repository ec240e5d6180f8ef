package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.ReportingRow;
import alx.reportapi.reporting.CompanySyncState;

import java.util.List;
import java.util.Optional;

/**
 * What travels through the chunk step: the reader hands out {@link StartPasses} and
 * {@link PassPage}s, the processor turns a page into a {@link DerivedPage} (or a
 * {@link FailedPage}), and the writer writes whichever it gets. One item is one chunk.
 */
sealed interface SyncItem {

    /**
     * Due companies to start, in queue order: the writer starts them in one transaction, completes
     * at once every pass that fits one page, and stops at the first pass that needs more, which
     * the reader then pages.
     */
    record StartPasses(List<CompanySyncState> companies) implements SyncItem {
        public StartPasses {
            companies = List.copyOf(companies);
        }
    }

    /**
     * A page of the pass the run is paging, and the page the reader will hand out next (of the
     * same pass or of the pass after it), so that the processor derives that one while this one
     * is written.
     */
    record PassPage(PairPage page, Optional<PairPage> next) implements SyncItem {
    }

    /** A page with its rows derived: the rows of the pairs that qualify, and the pairs that no longer do. */
    record DerivedPage(PairPage page, List<ReportingRow> rows, List<Pair> noLongerQualifying) implements SyncItem {
    }

    /** A page whose derivation failed for a reason of the company's own: the writer records the failure. */
    record FailedPage(long companyId, Exception cause) implements SyncItem {
    }
}
