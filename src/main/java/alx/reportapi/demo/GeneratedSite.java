package alx.reportapi.demo;

/**
 * What a generator run wrote: the counts the tests and the benchmark report check.
 *
 * @param companies           IOMAD companies
 * @param users               users, without Moodle's guest and admin accounts
 * @param courses             courses, without the site course
 * @param trackedModules      course modules with completion tracking
 * @param enrolments          user enrolments
 * @param moduleCompletions   course_modules_completion rows
 * @param courseCompletions   course_completions rows
 * @param seconds             load time
 */
public record GeneratedSite(int companies, int users, int courses, long trackedModules, long enrolments,
        long moduleCompletions, long courseCompletions, double seconds) {

    public long rows() {
        return companies + users + courses + trackedModules + 3 * enrolments + moduleCompletions + courseCompletions;
    }
}
