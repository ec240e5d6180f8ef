package alx.reportapi.moodle;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds a prepared statement's parameters: how the statements of one page name that page. */
@FunctionalInterface
interface StatementBinder {

    void bind(PreparedStatement statement) throws SQLException;
}
