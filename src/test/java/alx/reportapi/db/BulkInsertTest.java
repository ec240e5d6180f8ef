package alx.reportapi.db;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever the number of rows, statements come in a few sizes and send every row once. */
class BulkInsertTest {

    @Test
    void everyCountOfRowsIsSentInStatementsOfAFewSizes() {
        Set<Integer> sizes = new HashSet<>();
        for (int rows = 1; rows <= 2_000; rows++) {
            int sent = 0;
            int statements = 0;
            while (sent < rows) {
                int size = BulkInsert.statementSize(rows - sent, 500);
                assertTrue(size >= 1 && size <= 500, "size " + size);
                sizes.add(size);
                sent += size;
                statements++;
            }
            assertEquals(rows, sent);
            // A full statement per 500, then at most 256, 128, 64, 32 and 16 rows, and one of 1 to 16.
            assertTrue(statements <= rows / 500 + 6, rows + " rows took " + statements + " statements");
        }
        // 1 to 16, the powers of two from 16 to 256, and 500.
        assertEquals(BulkInsert.SMALL_STATEMENT_ROWS + 4 + 1, sizes.size(), sizes.toString());
    }

    @Test
    void aFewRowsGoInOneStatementOfTheirSize() {
        assertEquals(9, BulkInsert.statementSize(9, 500));
        assertEquals(16, BulkInsert.statementSize(16, 500));
        assertEquals(16, BulkInsert.statementSize(17, 500));
        assertEquals(256, BulkInsert.statementSize(499, 500));
        assertEquals(500, BulkInsert.statementSize(501, 500));
    }
}
