package alx.reportapi.moodle;

import alx.reportapi.db.Database;
import alx.reportapi.testing.TestDatabase;

/** The collection of timestamped changes on a real MariaDB. */
class TimedChangesMariaDbTest extends TimedChangesContract {

    private TestDatabase testDatabase;

    @Override
    protected Database openDatabase() {
        testDatabase = TestDatabase.create("ccchanges");
        return testDatabase.database();
    }

    @Override
    protected void closeDatabase() {
        testDatabase.close();
    }
}
