package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;

import java.util.List;
import java.util.Set;

/**
 * Up to {@code batch_size} pending pairs of ONE company, in key order, covering the key range
 * {@code (after, last pair]}. The last page of a company completes its pass. {@code verifyOnly}:
 * the pairs only the rolling verification asked for.
 */
record PairPage(long companyId, Pair after, List<Pair> pairs, boolean lastOfCompany, Set<Pair> verifyOnly) {

    PairPage {
        pairs = List.copyOf(pairs);
        verifyOnly = Set.copyOf(verifyOnly);
    }

    Pair upTo() {
        return pairs.isEmpty() ? after : pairs.get(pairs.size() - 1);
    }
}
