package alx.reportapi.report;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/**
 * The key that signs report API cursors and watermarks, so a client can neither forge nor alter
 * one. Created once per site in {@code config_plugins} ({@code report_api_signing_key}); every node
 * reads the same one, and the first writer wins a race.
 */
public final class SigningKey {

    static final String NAME = "report_api_signing_key";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    SigningKey(byte[] key) {
        this.key = key.clone();
    }

    public static SigningKey of(Database database) throws SQLException {
        return Session.autoCommit(database, 10, session -> {
            Optional<String> stored = read(session);
            if (stored.isEmpty()) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                session.update("INSERT IGNORE INTO {config_plugins} (plugin, name, value) VALUES (?, ?, ?)",
                        Plugin.COMPONENT, NAME, Base64.getEncoder().encodeToString(fresh));
                stored = read(session);
            }
            return new SigningKey(Base64.getDecoder().decode(stored.orElseThrow()));
        });
    }

    /** {@code base64url(payload).base64url(hmac)}. */
    public String sign(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return encoder.encodeToString(bytes) + "." + encoder.encodeToString(mac(bytes));
    }

    /** The payload of a text {@link #sign} made with this key; empty when it was altered or is not one. */
    public Optional<String> verify(String signed) {
        if (signed == null || signed.length() > 1024) {
            return Optional.empty();
        }
        int dot = signed.indexOf('.');
        if (dot <= 0 || dot != signed.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            byte[] payload = decoder.decode(signed.substring(0, dot));
            byte[] signature = decoder.decode(signed.substring(dot + 1));
            return MessageDigest.isEqual(mac(payload), signature)
                    ? Optional.of(new String(payload, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    private static Optional<String> read(Session session) throws SQLException {
        return session.first("SELECT value FROM {config_plugins} WHERE plugin = ? AND name = ?",
                rs -> rs.getString(1), Plugin.COMPONENT, NAME);
    }
}
