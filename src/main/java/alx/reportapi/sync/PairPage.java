package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;

import java.util.List;

/**
 * Up to {@code batch_size} pending pairs of ONE company, in key order, covering the key range
 * {@code (after, last pair]}. The last page of a company completes its pass.
 */
record PairPage(long companyId, Pair after, List<Pair> pairs, boolean lastOfCompany) {

    PairPage {
        pairs = List.copyOf(pairs);
    }

    Pair upTo() {
        return pairs.isEmpty() ? after : pairs.get(pairs.size() - 1);
    }
}
