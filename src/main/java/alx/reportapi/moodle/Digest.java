package alx.reportapi.moodle;

/**
 * What a bucket of a Moodle table holds, in three numbers that move when a row is inserted,
 * deleted or changed in a column the digest covers. Each is additive, so rows found by id can be
 * added to a stored digest without reading the table again.
 *
 * @param rows       how many rows
 * @param idSum      the sum of their ids (wraps only past 9.2e18, where it still moves)
 * @param contentXor the XOR of each row's content hash; 0 for a source that hashes no content
 */
public record Digest(long rows, long idSum, long contentXor) {

    public static final Digest EMPTY = new Digest(0, 0, 0);

    /** This digest with one more row of {@code id} and no content hash. */
    public Digest plusRow(long id) {
        return new Digest(rows + 1, idSum + id, contentXor);
    }
}
