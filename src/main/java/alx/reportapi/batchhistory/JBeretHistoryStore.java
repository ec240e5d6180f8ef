package alx.reportapi.batchhistory;

import alx.reportapi.Plugin;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import org.jberet.operations.AbstractJobOperator;
import org.jberet.repository.JobExecutionSelector;
import org.jberet.repository.JobRepository;
import org.jberet.spi.JobOperatorContext;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * WildFly: removes through JBeret's own JobRepository ({@code removeJobExecutions} with a
 * selector, then {@code removeJobInstance}); the step executions and checkpoints live inside the
 * execution objects and go with them. Loaded by name only on JBeret (see {@link HistoryStores});
 * WildFly gives every batch deployment the {@code org.jberet.jberet-core} module.
 * <p>
 * JBeret 3.1's JDBC repository implements both removals on its cache only, leaving the rows; an
 * execution that is still there afterwards is reported as a failure, never counted as removed.
 */
final class JBeretHistoryStore implements HistoryStore {

    private static final Logger LOG = Logger.getLogger(JBeretHistoryStore.class.getName());

    private final JobRepository repository;

    JBeretHistoryStore(JobOperator operator) {
        this.repository = jberetOperator(operator).getJobRepository();
    }

    /** BatchRuntime hands out a delegate; the deployment's own operator holds the repository. */
    private static AbstractJobOperator jberetOperator(JobOperator operator) {
        JobOperator actual = operator instanceof AbstractJobOperator ? operator
                : JobOperatorContext.getJobOperatorContext().getJobOperator();
        if (actual instanceof AbstractJobOperator jberet) {
            return jberet;
        }
        throw new IllegalStateException("JBeret's JobOperator is a " + actual.getClass().getName()
                + ", which does not expose its job repository");
    }

    @Override
    public int remove(String jobName, PurgeCandidate candidate, Instant cutoff) {
        JobInstance instance = repository.getJobInstance(candidate.instanceId());
        if (instance == null || !jobName.equals(instance.getJobName())) {
            return 0;
        }
        Set<Long> chosen = new HashSet<>(candidate.executionIds());
        List<ExecutionState> current = repository.getJobExecutions(instance).stream().map(ExecutionState::of).toList();
        boolean unchanged = chosen.containsAll(current.stream().map(ExecutionState::executionId).toList());
        if (!unchanged || !PurgeRule.purgeable(current, cutoff)) {
            return 0;
        }
        repository.removeJobExecutions(new Selector(chosen, cutoff));
        List<Long> gone = chosen.stream().filter(id -> repository.getJobExecution(id) == null).toList();
        if (gone.isEmpty()) {
            // WildFly wraps the repository, so its kind shows only in what it does.
            throw new IllegalStateException("JBeret's job repository " + repository.getClass().getSimpleName()
                    + " kept the executions it was asked to remove; a JDBC job repository only drops them from its"
                    + " cache, so purge its tables with the database's tools");
        }
        // The instance keeps its own list of executions, which the removal above leaves alone.
        List<Long> listed = repository.getJobExecutions(instance).stream().map(JobExecution::getExecutionId).toList();
        if (gone.containsAll(listed)) {
            repository.removeJobInstance(candidate.instanceId());
        } else {
            LOG.info(() -> Plugin.LOG_PREFIX + "retention: job instance " + candidate.instanceId()
                    + " gained an execution while being purged; it is kept");
        }
        return gone.size();
    }

    @Override
    public String runtime() {
        return "JBeret";
    }

    /** Selects the chosen executions, and of those only the ones still finished before the cutoff. */
    private static final class Selector implements JobExecutionSelector {

        private final Set<Long> chosen;
        private final Instant cutoff;
        private JobContext jobContext;
        private StepContext stepContext;

        Selector(Set<Long> chosen, Instant cutoff) {
            this.chosen = chosen;
            this.cutoff = cutoff;
        }

        @Override
        public boolean select(JobExecution execution, Collection<Long> allJobExecutionIds) {
            return chosen.contains(execution.getExecutionId())
                    && PurgeRule.endedBefore(ExecutionState.of(execution), cutoff);
        }

        @Override
        public JobContext getJobContext() {
            return jobContext;
        }

        @Override
        public void setJobContext(JobContext jobContext) {
            this.jobContext = jobContext;
        }

        @Override
        public StepContext getStepContext() {
            return stepContext;
        }

        @Override
        public void setStepContext(StepContext stepContext) {
            this.stepContext = stepContext;
        }
    }
}
