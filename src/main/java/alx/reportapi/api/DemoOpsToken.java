package alx.reportapi.api;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's operations token: generated at start-up when the demo runs without
 * {@code ALX_OPS_TOKEN}, printed once, and never stored. There is never a fixed default token.
 */
public final class DemoOpsToken {

    private static final AtomicReference<String> TOKEN = new AtomicReference<>();

    private DemoOpsToken() {
    }

    /** Generates the demo token; returns it so the caller can print it once. */
    public static String generate() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        TOKEN.set(token);
        return token;
    }

    static Optional<String> current() {
        return Optional.ofNullable(TOKEN.get());
    }
}
