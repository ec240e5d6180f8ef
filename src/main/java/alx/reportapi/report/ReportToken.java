package alx.reportapi.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A report API token of one company (README, Behavior 24). The secret itself is never stored:
 * only its sha256, next to the public id that finds the row.
 */
@Entity
@Table(name = "local_alx_api_report_tokens")
@NamedQueries({
    @NamedQuery(name = ReportToken.OF_COMPANY,
            query = "SELECT t FROM ReportToken t WHERE t.companyId = :companyId ORDER BY t.id DESC"),
    @NamedQuery(name = ReportToken.ALL, query = "SELECT t FROM ReportToken t ORDER BY t.id DESC")
})
public class ReportToken {

    static final String OF_COMPANY = "ReportToken.ofCompany";
    static final String ALL = "ReportToken.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "public_id", nullable = false, length = 16)
    private String publicId;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "companyid", nullable = false)
    private long companyId;

    @Column(name = "label", nullable = false)
    private String label;

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Column(name = "timecreated", nullable = false)
    private long createdAt;

    @Column(name = "expires_at")
    private Long expiresAt;

    @Column(name = "revoked_at")
    private Long revokedAt;

    @Column(name = "last_used_at")
    private Long lastUsedAt;

    @Column(name = "last_used_ip", length = 45)
    private String lastUsedIp;

    /**
     * The columns {@link #read(ResultSet)} expects, in its order: the request path reads a token on
     * its own connection, beside the rest of the request's statements, rather than through the
     * persistence unit, which would take a connection and a transaction of its own.
     */
    static final String COLUMNS = "id, public_id, secret_hash, companyid, label, created_by, timecreated,"
            + " expires_at, revoked_at, last_used_at, last_used_ip";

    protected ReportToken() {
    }

    ReportToken(String publicId, String secretHash, long companyId, String label, String createdBy, long createdAt,
            Long expiresAt) {
        this.publicId = publicId;
        this.secretHash = secretHash;
        this.companyId = companyId;
        this.label = label;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    static ReportToken read(ResultSet rs) throws SQLException {
        ReportToken token = new ReportToken(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), nullableLong(rs, 8));
        token.id = rs.getLong(1);
        token.revokedAt = nullableLong(rs, 9);
        token.lastUsedAt = nullableLong(rs, 10);
        token.lastUsedIp = rs.getString(11);
        return token;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public Long id() {
        return id;
    }

    public String publicId() {
        return publicId;
    }

    String secretHash() {
        return secretHash;
    }

    public long companyId() {
        return companyId;
    }

    public String label() {
        return label;
    }

    public String createdBy() {
        return createdBy;
    }

    public long createdAt() {
        return createdAt;
    }

    public Long expiresAt() {
        return expiresAt;
    }

    public Long revokedAt() {
        return revokedAt;
    }

    public Long lastUsedAt() {
        return lastUsedAt;
    }

    public String lastUsedIp() {
        return lastUsedIp;
    }

    void revoke(long now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    void used(long now, String ip) {
        lastUsedAt = now;
        lastUsedIp = ip;
    }
}
