package alx.reportapi.settings;

import alx.reportapi.db.Database;
import alx.reportapi.testing.TestDatabase;

/** The settings contract on MariaDB, the production database. */
class SettingsStoreMariaDbTest extends SettingsStoreContract {

    private TestDatabase testDatabase;

    @Override
    protected Database openDatabase() {
        testDatabase = TestDatabase.create("settings");
        return testDatabase.database();
    }

    @Override
    protected void closeDatabase() {
        testDatabase.close();
    }
}
