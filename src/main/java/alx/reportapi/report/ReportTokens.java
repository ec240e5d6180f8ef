package alx.reportapi.report;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report API tokens (README, Behavior 24): issued for one company by an admin, shown once as
 * {@code alx_<public id>_<secret>}, stored as the sha256 of the secret (256 random bits need no
 * slow hash), looked up by public id and compared in constant time, refused once revoked or
 * expired.
 */
public final class ReportTokens {

    private static final Logger LOG = Logger.getLogger(ReportTokens.class.getName());
    private static final Pattern FORMAT = Pattern.compile("alx_([a-z0-9]{8})_([A-Za-z0-9_-]{43})");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** last_used_at is written at most this often per token: a busy client is not a write per page. */
    private static final long LAST_USED_RESOLUTION_SECONDS = 60;
    public static final int MAX_LABEL_CHARS = 255;

    private final Database database;
    private final ReportPersistence persistence;

    public ReportTokens(Database database, ReportPersistence persistence) {
        this.database = database;
        this.persistence = persistence;
    }

    /**
     * Issues a token.
     *
     * @throws IllegalArgumentException with the reason, when the company does not exist, the label
     *                                  is empty or too long, or the expiry is not in the future
     */
    public IssuedToken issue(long companyId, String label, Long expiresAt, String createdBy, long now)
            throws SQLException {
        String cleanLabel = label == null ? "" : label.strip();
        if (cleanLabel.isEmpty() || cleanLabel.length() > MAX_LABEL_CHARS) {
            throw new IllegalArgumentException("A token needs a label of 1 to " + MAX_LABEL_CHARS
                    + " characters saying who uses it, e.g. \"Power BI finance\".");
        }
        if (expiresAt != null && expiresAt <= now) {
            throw new IllegalArgumentException("The expiry must be in the future.");
        }
        if (Session.autoCommit(database, 10, session -> session.number("SELECT COUNT(*) FROM {company} WHERE id = ?",
                companyId)) == 0) {
            throw new IllegalArgumentException("There is no company " + companyId + ".");
        }
        StringBuilder publicId = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            publicId.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ReportToken token = new ReportToken(publicId.toString(), sha256(secretText), companyId, cleanLabel,
                createdBy == null ? "" : createdBy, now, expiresAt);
        persistence.inTransaction(manager -> {
            manager.persist(token);
            return null;
        });
        LOG.info(() -> Plugin.LOG_PREFIX + "report token " + token.id() + " (" + token.publicId() + ") issued for company "
                + companyId + " by " + token.createdBy());
        return new IssuedToken(token, "alx_" + token.publicId() + "_" + secretText);
    }

    /** Tokens of one company, or of all when {@code companyId} is empty, newest first. */
    public List<ReportToken> list(Optional<Long> companyId) {
        return persistence.inTransaction(manager -> companyId.isPresent()
                ? manager.createNamedQuery(ReportToken.OF_COMPANY, ReportToken.class)
                        .setParameter("companyId", companyId.get()).getResultList()
                : manager.createNamedQuery(ReportToken.ALL, ReportToken.class).setMaxResults(1000).getResultList());
    }

    /** Revokes a token; empty when there is none with that id. Revoking twice keeps the first time. */
    public Optional<ReportToken> revoke(long id, long now, String by) {
        Optional<ReportToken> revoked = persistence.inTransaction(manager -> {
            ReportToken token = manager.find(ReportToken.class, id);
            if (token != null) {
                token.revoke(now);
            }
            return Optional.ofNullable(token);
        });
        revoked.ifPresent(token -> LOG.info(() -> Plugin.LOG_PREFIX + "report token " + id + " of company "
                + token.companyId() + " revoked by " + by));
        return revoked;
    }

    /**
     * Checks a presented token on the request's own session and, when admitted, records its use.
     * Read afresh at every request, never cached, so that a token revoked on any node is refused at
     * once on every node (README, Behavior 24).
     *
     * @param now the database clock's time of the request
     */
    public TokenCheck check(Session session, String presented, long now, String clientIp) throws SQLException {
        Matcher parts = presented == null ? null : FORMAT.matcher(presented);
        if (parts == null || !parts.matches()) {
            return new TokenCheck(null, "invalid_token");
        }
        String hash = sha256(parts.group(2));
        Optional<ReportToken> found = session.first("SELECT " + ReportToken.COLUMNS
                + " FROM {local_alx_api_report_tokens} WHERE public_id = ?", ReportToken::read, parts.group(1));
        if (found.isEmpty() || !MessageDigest.isEqual(found.get().secretHash().getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII)) || found.get().revokedAt() != null) {
            return new TokenCheck(null, "invalid_token");
        }
        ReportToken token = found.get();
        if (token.expiresAt() != null && token.expiresAt() <= now) {
            return new TokenCheck(null, "token_expired");
        }
        if (token.lastUsedAt() == null || now - token.lastUsedAt() >= LAST_USED_RESOLUTION_SECONDS
                || !java.util.Objects.equals(token.lastUsedIp(), clientIp)) {
            token.used(now, clientIp == null || clientIp.length() <= 45 ? clientIp : clientIp.substring(0, 45));
            session.update("UPDATE {local_alx_api_report_tokens} SET last_used_at = ?, last_used_ip = ? WHERE id = ?",
                    token.lastUsedAt(), token.lastUsedIp(), token.id());
        }
        return new TokenCheck(token, null);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
