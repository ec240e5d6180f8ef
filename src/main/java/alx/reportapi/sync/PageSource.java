package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;

import java.sql.SQLException;

/** Where the reader's pages come from: the keys of a company's next page, then their rows. */
interface PageSource {

    /** The company's next page of pending pairs after {@code after}: keys only. */
    PairPage keys(long companyId, Pair after, int timeoutSeconds) throws SQLException;

    /** The page's rows; safe on any thread, and only reads. */
    DerivedPage derive(PairPage page, int timeoutSeconds) throws SQLException;
}
