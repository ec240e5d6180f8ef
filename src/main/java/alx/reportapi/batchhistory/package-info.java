/**
 * Purging the batch runtime's own history of the sync job: finished job instances, with their
 * executions, step executions and checkpoints, whose last execution ended before the retention
 * cutoff. Jakarta Batch can list that history portably but not delete it, so the deletion is done
 * per runtime: JBeret (WildFly) through its job repository, IBM JBatch (Payara) through the tables
 * of its batch data source, as Payara's own {@code clean-jbatch-repository} does.
 * <p>
 * Which instances go is decided once, portably, from the {@code JobOperator}; the runtime-specific
 * stores only remove what they are given, and check again that it is still finished. Classes that
 * name a runtime's types are plain classes loaded by name only on that runtime, never CDI beans.
 * <p>
 * {@code schedule} calls it from the daily retention purge.
 * <p>
 * Depends on nothing else in the application.
 */
package alx.reportapi.batchhistory;
