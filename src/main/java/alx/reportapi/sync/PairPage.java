package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;

import java.io.Serializable;
import java.util.List;

/**
 * One chunk's item: up to {@code batch_size} pending pairs of ONE company, in key order, covering
 * the key range {@code (after, last pair]}. The last page of a company completes its pass.
 */
public record PairPage(long companyId, Pair after, List<Pair> pairs, boolean lastOfCompany) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Pair upTo() {
        return pairs.isEmpty() ? after : pairs.get(pairs.size() - 1);
    }
}
