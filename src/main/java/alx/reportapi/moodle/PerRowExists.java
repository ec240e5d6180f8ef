package alx.reportapi.moodle;

/**
 * Keeps MariaDB testing a correlated {@code EXISTS} row by row, through the indexes of the pair
 * it is given.
 * <p>
 * MariaDB's {@code exists_to_in} rewrite turns the qualification rule's {@code EXISTS} into an
 * {@code IN} and then materializes it: the rule is evaluated for every pair of the whole site,
 * once per statement, so a page of pending pairs would cost as much as the site-wide rule and an
 * incremental run would grow with the site instead of with its changes. The
 * {@code /*M! ... *}{@code /} executable comment is read by MariaDB only; MySQL and H2 see a plain
 * comment and plan as before.
 */
public final class PerRowExists {

    private static final String MARIADB_ONLY = "/*M!100000 SET STATEMENT optimizer_switch='exists_to_in=off' FOR */ ";

    private PerRowExists() {
    }

    public static String plan(String statement) {
        return MARIADB_ONLY + statement;
    }
}
