package alx.reportapi.reporting;

import alx.reportapi.db.Session;

import java.sql.SQLException;

/**
 * Each company's place in the rolling verification (README, Behavior 16), in
 * {@code local_alx_api_verification}: the next user to verify and the time its verification is
 * paid up to. A pass records where it will leave them; only its completion makes them the
 * company's, so an abandoned pass verifies its slice again next time.
 */
public final class VerificationPlaces {

    /**
     * @param afterUserId the slice starts after this user id (0: from the first member)
     * @param paidUntil   0 when the company was never verified
     */
    public record Place(long afterUserId, long paidUntil) {
        public static final Place NEVER = new Place(0, 0);
    }

    public Place get(Session session, long companyId) throws SQLException {
        return session.first("SELECT next_userid, paid_until FROM {local_alx_api_verification} WHERE companyid = ?",
                rs -> new Place(rs.getLong(1), rs.getLong(2)), companyId).orElse(Place.NEVER);
    }

    /** Where the company's pass in progress will leave its place when it completes. */
    public void recordPass(Session session, long companyId, Place whenComplete) throws SQLException {
        session.update("""
                INSERT INTO {local_alx_api_verification} (companyid, pass_next_userid, pass_paid_until)
                VALUES (?, ?, ?)
                ON DUPLICATE KEY UPDATE pass_next_userid = VALUES(pass_next_userid),
                                        pass_paid_until = VALUES(pass_paid_until)""",
                companyId, whenComplete.afterUserId(), whenComplete.paidUntil());
    }

    /** The company's pass completed: the place it recorded becomes the company's. */
    public void confirmPass(Session session, long companyId) throws SQLException {
        session.update("""
                UPDATE {local_alx_api_verification}
                   SET next_userid = pass_next_userid, paid_until = pass_paid_until
                 WHERE companyid = ? AND pass_paid_until > 0""", companyId);
    }
}
