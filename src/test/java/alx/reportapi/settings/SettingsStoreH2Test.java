package alx.reportapi.settings;

import alx.reportapi.db.Database;
import alx.reportapi.testing.H2TestDatabase;

import java.sql.SQLException;

/** The settings contract on H2 in MySQL mode, the demo's database. */
class SettingsStoreH2Test extends SettingsStoreContract {

    private H2TestDatabase h2;

    @Override
    protected Database openDatabase() {
        h2 = new H2TestDatabase("settings");
        return h2.database();
    }

    @Override
    protected void closeDatabase() throws SQLException {
        h2.close();
    }
}
