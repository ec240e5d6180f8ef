package alx.reportapi.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prints the {@code ALX_ADMIN_PASSWORD_HASH} value for a password. The password is read from the
 * terminal without echo, or from the first line of standard input when piped; it is never taken
 * from the command line, where it would land in the shell history and the process list.
 * <pre>
 * java -cp target/alx-report-api/WEB-INF/classes alx.reportapi.security.PasswordHashMain
 * </pre>
 */
public final class PasswordHashMain {

    private static final int MIN_PASSWORD_CHARS = 12;

    private PasswordHashMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            System.err.println("Usage: PasswordHashMain (no arguments). Type the password when asked, or pipe it"
                    + " on standard input; the hash for ALX_ADMIN_PASSWORD_HASH is printed.");
            System.exit(2);
        }
        char[] password = readPassword();
        try {
            if (password.length < MIN_PASSWORD_CHARS) {
                System.err.println("Refused: use at least " + MIN_PASSWORD_CHARS + " characters.");
                System.exit(1);
            }
            System.out.println(PasswordHash.of(password).encoded());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Admin password: ");
            char[] second = console.readPassword("Same password again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                System.err.println("Refused: the two entries differ.");
                System.exit(1);
            }
            Arrays.fill(second, '\0');
            return first;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
