package alx.reportapi.db;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablePrefixTest {

    @Test
    void aMoodlePrefixNamesTables() {
        assertEquals("mdl_user", new TablePrefix("mdl_").table("user"));
        assertEquals("user", new TablePrefix("").table("user"));
    }

    @Test
    void aPrefixThatCouldBreakSqlIsRefusedWithWhatToDo() {
        for (String bad : new String[] {"mdl;", "MDL_", "mdl-", "a b", "x".repeat(11), "mdl_`", null}) {
            StartupRefusedException refused = assertThrows(StartupRefusedException.class, () -> new TablePrefix(bad),
                    String.valueOf(bad));
            assertTrue(refused.getMessage().contains("$CFG->prefix"), refused.getMessage());
        }
    }
}
