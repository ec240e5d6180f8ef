package alx.reportapi.lock;

import alx.reportapi.db.Database;
import alx.reportapi.testing.TestDatabase;

/** The lock contract on MariaDB, the production database. */
class SyncLockMariaDbTest extends SyncLockContract {

    private TestDatabase testDatabase;

    @Override
    protected Database openDatabase() {
        testDatabase = TestDatabase.create("lock");
        return testDatabase.database();
    }

    @Override
    protected void closeDatabase() {
        testDatabase.close();
    }
}
