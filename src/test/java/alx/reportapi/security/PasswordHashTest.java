package alx.reportapi.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest {

    private static final int FAST = PasswordHash.MIN_ITERATIONS;

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        PasswordHash hash = PasswordHash.of("correct horse battery".toCharArray(), FAST);
        assertTrue(hash.matches("correct horse battery".toCharArray()));
        assertFalse(hash.matches("correct horse battery ".toCharArray()));
        assertFalse(hash.matches(new char[0]));
        assertFalse(hash.matches(null));
    }

    @Test
    void theStoredFormReadsBackAndCarriesItsIterations() {
        PasswordHash hash = PasswordHash.of("s3cret-enough-pass".toCharArray(), FAST);
        String stored = hash.encoded();
        assertTrue(stored.startsWith("PBKDF2WithHmacSHA256:" + FAST + ":"), stored);
        assertTrue(PasswordHash.parse(stored).matches("s3cret-enough-pass".toCharArray()));
        assertTrue(PasswordHash.parse("  " + stored + "\n").matches("s3cret-enough-pass".toCharArray()));
    }

    @Test
    void theSaltIsRandomSoEqualPasswordsHashDifferently() {
        assertNotEquals(PasswordHash.of("same".toCharArray(), FAST).encoded(),
                PasswordHash.of("same".toCharArray(), FAST).encoded());
    }

    @Test
    void malformedOrWeakStoredFormsAreRefusedWithoutEchoingThem() {
        for (String bad : new String[] {null, "", "plain-password", "MD5:1000:c2FsdA==:aGFzaA==",
                "PBKDF2WithHmacSHA256:abc:c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaA==",
                "PBKDF2WithHmacSHA256:100:c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaA==",
                "PBKDF2WithHmacSHA256:99999999:c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaA==",
                "PBKDF2WithHmacSHA256:20000:!!!:aGFzaGhhc2hoYXNoaGFzaA==",
                "PBKDF2WithHmacSHA256:20000:c2FsdA==:aGFzaA=="}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> PasswordHash.parse(bad), String.valueOf(bad));
            if (bad != null && bad.length() > 3) {
                assertFalse(refused.getMessage().contains(bad), refused.getMessage());
            }
        }
    }

    @Test
    void toStringNeverShowsTheHash() {
        PasswordHash hash = PasswordHash.of("x".toCharArray(), FAST);
        assertEquals("PBKDF2WithHmacSHA256 hash (" + FAST + " iterations)", hash.toString());
    }
}
