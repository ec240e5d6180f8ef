package alx.reportapi.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One report API request in the request log (README, Behavior 24): never the secret. */
@Entity
@Table(name = "local_alx_api_request_log")
public class RequestLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id", nullable = false, length = 36)
    private String requestId;

    @Column(name = "token_id")
    private Long tokenId;

    @Column(name = "companyid")
    private Long companyId;

    @Column(name = "endpoint", nullable = false, length = 100)
    private String endpoint;

    @Column(name = "http_status", nullable = false)
    private int httpStatus;

    @Column(name = "errorcode", length = 50)
    private String errorCode;

    @Column(name = "rows_returned", nullable = false)
    private int rowsReturned;

    @Column(name = "duration_ms", nullable = false)
    private int durationMs;

    @Column(name = "client_ip", length = 45)
    private String clientIp;

    @Column(name = "timecreated", nullable = false)
    private long timecreated;

    protected RequestLogEntry() {
    }

    public RequestLogEntry(String requestId, Long tokenId, Long companyId, String endpoint, int httpStatus,
            String errorCode, int rowsReturned, int durationMs, String clientIp, long timecreated) {
        this.requestId = requestId;
        this.tokenId = tokenId;
        this.companyId = companyId;
        this.endpoint = endpoint;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.rowsReturned = rowsReturned;
        this.durationMs = durationMs;
        this.clientIp = clientIp == null || clientIp.length() <= 45 ? clientIp : clientIp.substring(0, 45);
        this.timecreated = timecreated;
    }

    public String requestId() {
        return requestId;
    }

    public Long tokenId() {
        return tokenId;
    }

    public Long companyId() {
        return companyId;
    }

    public String endpoint() {
        return endpoint;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public int rowsReturned() {
        return rowsReturned;
    }

    int durationMs() {
        return durationMs;
    }

    String clientIp() {
        return clientIp;
    }

    long timecreated() {
        return timecreated;
    }
}
