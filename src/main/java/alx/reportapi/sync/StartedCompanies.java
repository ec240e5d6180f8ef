package alx.reportapi.sync;

import alx.reportapi.reporting.CompanySyncState;

import java.util.List;
import java.util.Optional;

/**
 * What one transaction of starting companies did: the passes it completed at once, and the
 * company, if any, that it left with pages for the chunk.
 */
record StartedCompanies(List<PageWrite> completed, Optional<CompanySyncState> withPages) {
}
