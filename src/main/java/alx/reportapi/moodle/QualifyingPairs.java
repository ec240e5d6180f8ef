package alx.reportapi.moodle;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A company's qualifying pairs (SPEC 2.3's rule), read before its full pass starts. The rule's
 * join is most of what a full pass's detection costs; read on another thread while the company
 * before is written, it leaves the detection only an insert of the keys.
 *
 * @param readAt database time taken before the read: a change after it may be missing, so the
 *               pass counts as started no later than this
 * @param pairs  in key order, each once
 */
public record QualifyingPairs(long companyId, long readAt, SortedSet<Pair> pairs) {

    public QualifyingPairs {
        pairs = Collections.unmodifiableSortedSet(new TreeSet<>(pairs));
    }

    /**
     * Reads the company's qualifying pairs on a connection of its own, outside any transaction:
     * a plain read, which locks nothing Moodle writes.
     *
     * @param limit the most rows read; a company with more is left to the detection's own
     *              statement, so that memory stays bounded
     * @return empty when the company has more than {@code limit} qualifying rows
     */
    public static Optional<QualifyingPairs> read(Database database, long companyId, int limit, int timeoutSeconds)
            throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     database.sql(Qualification.pairsOfCompany() + "\n LIMIT ?"))) {
            long readAt = DatabaseClock.now(connection);
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, companyId);
            statement.setInt(2, limit + 1);
            SortedSet<Pair> pairs = new TreeSet<>();
            int rows = 0;
            try (ResultSet rs = statement.executeQuery()) {
                // Bounded by the LIMIT.
                while (rs.next()) {
                    if (++rows > limit) {
                        return Optional.empty();
                    }
                    pairs.add(new Pair(rs.getLong(2), rs.getLong(3)));
                }
            }
            return Optional.of(new QualifyingPairs(companyId, readAt, pairs));
        }
    }
}
