package alx.reportapi.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PBKDF2 password hash as {@code ALX_ADMIN_PASSWORD_HASH} holds it:
 * {@code PBKDF2WithHmacSHA256:<iterations>:<salt base64>:<hash base64>}. The iterations travel
 * with the hash, so a stronger setting later does not invalidate hashes already configured.
 */
public final class PasswordHash {

    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** Below this a hash is refused as too weak; above the maximum, as a way to stall the server. */
    static final int MIN_ITERATIONS = 10_000;
    static final int MAX_ITERATIONS = 5_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Longer passwords are refused before hashing: PBKDF2's cost grows with the input. */
    static final int MAX_PASSWORD_CHARS = 1024;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a password with a fresh random salt. */
    public static PasswordHash of(char[] password) {
        return of(password, DEFAULT_ITERATIONS);
    }

    static PasswordHash of(char[] password, int iterations) {
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException saying what is wrong, without echoing the value (it is a secret)
     */
    public static PasswordHash parse(String stored) {
        String[] parts = stored == null ? new String[0] : stored.strip().split(":", -1);
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            throw new IllegalArgumentException("expected " + ALGORITHM + ":<iterations>:<salt base64>:<hash base64>,"
                    + " as the hash tool prints it");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count is not a whole number");
        }
        checkIterations(iterations);
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < 8 || hash.length < 16) {
                throw new IllegalArgumentException("the salt or the hash is too short");
            }
            return new PasswordHash(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt or the hash is not valid base64 of a sufficient length");
        }
    }

    /** True when the password matches; the comparison takes the same time wherever they differ. */
    public boolean matches(char[] password) {
        if (password == null || password.length > MAX_PASSWORD_CHARS) {
            return false;
        }
        byte[] candidate = derive(password, salt, iterations, hash.length * 8);
        return MessageDigest.isEqual(hash, candidate);
    }

    /**
     * A hash of a random password at this hash's cost: checking a wrong user name against it takes
     * as long as checking the real one.
     */
    PasswordHash decoyOfSameCost() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return of(Base64.getEncoder().encodeToString(random).toCharArray(), iterations);
    }

    /** The stored form, for {@code ALX_ADMIN_PASSWORD_HASH}. */
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        return ALGORITHM + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    /** Never the hash itself: it would help an offline guesser. */
    @Override
    public String toString() {
        return ALGORITHM + " hash (" + iterations + " iterations)";
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        return derive(password, salt, iterations, HASH_BITS);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        if (password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("passwords are limited to " + MAX_PASSWORD_CHARS + " characters");
        }
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count must be from " + MIN_ITERATIONS + " to "
                    + MAX_ITERATIONS);
        }
    }
}
