package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;

import java.io.Serializable;

/**
 * Where the reader stands: the company whose pass is in flight and the last pair read. Small and
 * immutable, as a checkpoint should be. The database keeps the same position for the next run.
 */
public record SyncCheckpoint(long companyId, Pair lastRead) implements Serializable {

    private static final long serialVersionUID = 1L;
}
