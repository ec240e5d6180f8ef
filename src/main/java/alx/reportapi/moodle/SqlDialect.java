package alx.reportapi.moodle;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import java.sql.SQLException;

/**
 * The few expressions the digests need that MySQL/MariaDB and the demo's H2 spell differently:
 * integer division (MySQL's {@code DIV}, H2's {@code /} on integers), the aggregate of row
 * hashes, and a parameter typed as a whole number where nothing else gives it a type.
 */
enum SqlDialect {
    MYSQL, H2;

    static SqlDialect of(Session session) throws SQLException {
        return Database.isMysql(session.connection()) ? MYSQL : H2;
    }

    String integerDivision(String column, int divisor) {
        return this == MYSQL ? column + " DIV " + divisor : column + " / " + divisor;
    }

    /** An aggregate: the XOR of a 32-bit hash of each row's columns, joined as text. */
    String xorOfRowHashes(String columns) {
        return this == MYSQL ? "BIT_XOR(CRC32(CONCAT_WS(',', " + columns + ")))"
                : "BIT_XOR_AGG(ORA_HASH(CONCAT_WS(',', " + columns + ")))";
    }

    /** An aggregate: the XOR of a column's values, such as per-user XORs of row hashes. */
    String xorOf(String column) {
        return this == MYSQL ? "BIT_XOR(" + column + ")" : "BIT_XOR_AGG(" + column + ")";
    }

    /** A parameter read as a 64-bit integer, for a select list whose columns take their type from it. */
    String integerParameter() {
        return this == MYSQL ? "CAST(? AS SIGNED)" : "CAST(? AS BIGINT)";
    }
}
