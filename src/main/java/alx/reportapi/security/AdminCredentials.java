package alx.reportapi.security;

import alx.reportapi.Plugin;
import alx.reportapi.db.AlxDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one admin account: its user name ({@code ALX_ADMIN_USER}, default {@code admin}) and the
 * PBKDF2 hash of its password ({@code ALX_ADMIN_PASSWORD_HASH}). There is no default password:
 * without a hash nobody can log in, except in the demo, which generates a password at its first
 * start, keeps only the hash in its directory and prints the password once.
 */
@ApplicationScoped
public class AdminCredentials {

    public static final String USER = "ALX_ADMIN_USER";
    public static final String PASSWORD_HASH = "ALX_ADMIN_PASSWORD_HASH";
    public static final String DEFAULT_USER = "admin";
    /** Where the demo keeps its generated password's hash, inside {@code ALX_DEMO_DIR}. */
    static final String DEMO_HASH_FILE = "admin-password.hash";

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class.getName());

    @Inject
    AlxDatabase alxDatabase;

    private String user;
    private volatile Optional<PasswordHash> hash = Optional.empty();
    private volatile String unusableReason = "";
    private volatile PasswordHash decoy;

    @PostConstruct
    void load() {
        user = AlxDatabase.configValue(USER).map(String::strip).filter(u -> !u.isEmpty()).orElse(DEFAULT_USER);
        Optional<String> configured = AlxDatabase.configValue(PASSWORD_HASH).map(String::strip)
                .filter(h -> !h.isEmpty());
        if (configured.isPresent()) {
            try {
                hash = Optional.of(PasswordHash.parse(configured.get()));
            } catch (IllegalArgumentException e) {
                unusableReason = PASSWORD_HASH + " is set but not usable: " + e.getMessage() + ".";
                LOG.severe(Plugin.LOG_PREFIX + "admin login disabled: " + unusableReason);
            }
        } else if (alxDatabase.settings().isDemo()) {
            hash = demoHash(alxDatabase.settings().demoDir());
        } else {
            unusableReason = PASSWORD_HASH + " is not set.";
            LOG.info(Plugin.LOG_PREFIX + "admin login disabled: " + unusableReason + " Produce a hash with"
                    + " alx.reportapi.security.PasswordHashMain and set it (see the README, Admin page).");
        }
        decoy = hash.map(PasswordHash::decoyOfSameCost).orElse(null);
    }

    /** Creates the bean at deployment, so the demo prints its password in the start-up log. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        user();
    }

    public String user() {
        return user;
    }

    /** The hash logins are checked against; empty when login is impossible. */
    public Optional<PasswordHash> hash() {
        return hash;
    }

    /** Checked instead of the real hash when the user name is wrong, so both take as long. */
    PasswordHash decoy() {
        return decoy;
    }

    /** Why nobody can log in, for the login page; empty when login is possible. */
    public String unusableReason() {
        return hash.isPresent() ? "" : unusableReason;
    }

    private Optional<PasswordHash> demoHash(Path demoDir) {
        Path file = demoDir.resolve(DEMO_HASH_FILE);
        try {
            if (Files.isRegularFile(file)) {
                PasswordHash stored = PasswordHash.parse(Files.readString(file, StandardCharsets.US_ASCII));
                LOG.info(Plugin.LOG_PREFIX + "demo admin login: user '" + user + "', with the password printed"
                        + " at the demo's first start (delete " + file + " to have a new one generated)");
                return Optional.of(stored);
            }
            char[] password = randomPassword();
            PasswordHash generated = PasswordHash.of(password);
            Files.createDirectories(demoDir);
            Files.writeString(file, generated.encoded(), StandardCharsets.US_ASCII);
            ownerOnly(file);
            // Printed once, never stored: the demo has no fixed default credential.
            LOG.info(Plugin.LOG_PREFIX + "demo admin login (shown once): user '" + user + "', password "
                    + new String(password));
            Arrays.fill(password, '\0');
            return Optional.of(generated);
        } catch (IOException | IllegalArgumentException e) {
            unusableReason = "the demo's admin password hash in " + file + " could not be read or written ("
                    + e.getMessage() + "); delete the file and restart, or set " + PASSWORD_HASH + ".";
            LOG.log(Level.SEVERE, Plugin.LOG_PREFIX + "admin login disabled: " + unusableReason);
            return Optional.empty();
        }
    }

    /** A hash helps an offline guesser; other accounts on the machine need not read it. */
    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the demo directory's permissions.
        }
    }

    private static char[] randomPassword() {
        byte[] random = new byte[15];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }
}
