package alx.reportapi.moodle;

import alx.reportapi.db.Database;
import alx.reportapi.testing.H2TestDatabase;

import java.sql.SQLException;

/** The collection of timestamped changes on the demo's embedded H2. */
class TimedChangesH2Test extends TimedChangesContract {

    private H2TestDatabase h2;

    @Override
    protected Database openDatabase() {
        h2 = new H2TestDatabase("ccchanges");
        return h2.database();
    }

    @Override
    protected void closeDatabase() throws SQLException {
        h2.close();
    }
}
