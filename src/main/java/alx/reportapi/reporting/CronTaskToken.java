package alx.reportapi.reporting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code token_hash} under which the PHP plugin's scheduled task kept each company's sync
 * status: sha256 of {@code cron_task_{companyid}}. Kept so both can read each other's cursor.
 */
public final class CronTaskToken {

    private CronTaskToken() {
    }

    public static String hash(long companyId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("cron_task_" + companyId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
