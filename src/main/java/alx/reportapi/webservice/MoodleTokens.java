package alx.reportapi.webservice;

import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Moodle's web service authentication, read from Moodle's own tables and in Moodle's order: the
 * token ({@code external_tokens}: permanent, not expired, from an allowed address), its user
 * (neither deleted nor suspended), then the function (known, and held by the token's enabled
 * service, which a restricted service allows only to its listed users). Nothing is written.
 */
final class MoodleTokens {

    /** Moodle's EXTERNAL_TOKEN_PERMANENT: the tokens an admin issues for a web service. */
    static final int PERMANENT = 0;

    private MoodleTokens() {
    }

    static TokenUser authenticate(Session session, String token, String remoteAddress, long now)
            throws SQLException, MoodleException {
        if (token == null || token.isEmpty() || token.length() > 128) {
            throw MoodleException.invalidToken();
        }
        Optional<Object[]> found = session.first("""
                SELECT t.userid, t.externalserviceid, t.validuntil, t.iprestriction, u.username, u.deleted, u.suspended
                  FROM {external_tokens} t LEFT JOIN {user} u ON u.id = t.userid
                 WHERE t.token = ? AND t.tokentype = ?""",
                rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                    rs.getObject(6) == null ? null : rs.getInt(6), rs.getInt(7)}, token, PERMANENT);
        if (found.isEmpty() || found.get()[4] == null) {
            throw MoodleException.invalidToken();
        }
        Object[] row = found.get();
        long validUntil = (Long) row[2];
        if (validUntil > 0 && validUntil < now) {
            throw MoodleException.accessException();
        }
        if (!IpRestriction.allows((String) row[3], remoteAddress)) {
            throw MoodleException.accessException();
        }
        String username = (String) row[4];
        if ((Integer) row[5] != 0) {
            throw MoodleException.userDeleted(username);
        }
        if ((Integer) row[6] != 0) {
            throw MoodleException.userSuspended(username);
        }
        return new TokenUser((Long) row[0], username, (Long) row[1]);
    }

    /** Refuses a function Moodle does not know, or one the token's service may not call for its user. */
    static void requireFunction(Session session, TokenUser user, String function, String remoteAddress, long now)
            throws SQLException, MoodleException {
        if (function == null || session.number("SELECT COUNT(*) FROM {external_functions} WHERE name = ?",
                function) == 0) {
            throw MoodleException.unknownFunction();
        }
        Optional<Object[]> service = session.first("""
                SELECT s.restrictedusers FROM {external_services} s
                  JOIN {external_services_functions} f ON f.externalserviceid = s.id AND f.functionname = ?
                 WHERE s.id = ? AND s.enabled = 1""", rs -> new Object[] {rs.getInt(1)}, function, user.serviceId());
        if (service.isEmpty()) {
            throw MoodleException.accessException();
        }
        if ((Integer) service.get()[0] != 0) {
            Optional<String[]> allowed = session.first("""
                    SELECT COALESCE(iprestriction, ''), COALESCE(validuntil, 0) FROM {external_services_users}
                     WHERE externalserviceid = ? AND userid = ?""",
                    rs -> new String[] {rs.getString(1), Long.toString(rs.getLong(2))}, user.serviceId(),
                    user.userId());
            if (allowed.isEmpty()) {
                throw MoodleException.accessException();
            }
            long until = Long.parseLong(allowed.get()[1]);
            if (until > 0 && until < now || !IpRestriction.allows(allowed.get()[0], remoteAddress)) {
                throw MoodleException.accessException();
            }
        }
    }
}
