package alx.reportapi.demo;

import alx.reportapi.db.BulkInsert;
import alx.reportapi.db.TablePrefix;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a realistic IOMAD site, deterministically from a seed. Scale 1 is 10 companies,
 * 10,000 users (about 2% in two companies), 50 courses of 8 tracked modules each and about
 * 105,000 enrolments (5% of them a learner's second in the course); about 30% of learners
 * complete their course, 40% progress part of the way, the rest have not started. About 1% of users are deleted or suspended, a few courses are
 * hidden, and the site course is id 1.
 * <p>
 * The edge cases the sync must get right are generated on purpose, in realistic proportions:
 * suspended enrolments, disabled enrol instances (half the courses' self-enrolment) with learners
 * still enrolled through them, learners enrolled twice in a course through both instances with
 * different starts, enrolments whose time window ended or ends in the future, teachers who are
 * enrolled but not students, modules that track no completion or are being deleted, failed module
 * completions, and courses completed by their modules without a course completion record.
 * Module completions are the largest table, as on real sites: about four per enrolment.
 * <p>
 * Moodle's web service tables hold the plugin's service with its one function, a disabled core
 * service, and a token of that service for one active user of each company and for the first user
 * who belongs to two companies.
 */
public final class MoodleDataGenerator {

    /** 2025-01-01T00:00:00Z: every generated time but an enrolment's future end lies in the 300 days after it. */
    public static final long BASE_TIME = 1_735_689_600L;
    public static final long STUDENT_ROLE = 5;
    public static final long EDITING_TEACHER_ROLE = 3;
    public static final int TRACKED_MODULES_PER_COURSE = 8;
    public static final int COURSE_CONTEXT_LEVEL = 50;
    public static final String REPORT_FUNCTION = "local_alx_report_api_get_course_progress";
    public static final String CORE_SITE_INFO_FUNCTION = "core_webservice_get_site_info";
    public static final long REPORT_SERVICE = 1;

    private static final int DAY = 86_400;
    /** Share of enrolments with a second enrolment of the same learner in the same course. */
    private static final double SECOND_ENROLMENT_SHARE = 0.05;
    /** 2028-01-01T00:00:00Z: enrolments that end after it end in the future. */
    private static final long FAR_FUTURE = 1_830_297_600L;
    private static final String[] FIRST_NAMES = {"Amina", "Bilal", "Chen", "Daniela", "Emeka", "Fatima", "Goran",
        "Hana", "Ivan", "Jamal", "Keiko", "Lucia", "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sipho",
        "Tariq", "Uma", "Viktor", "Wanjiru", "Xavier", "Yara", "Zaid"};
    private static final String[] LAST_NAMES = {"Okafor", "Haddad", "Nguyen", "Schmidt", "Mensah", "Rossi",
        "Kowalski", "Tanaka", "Silva", "Ibrahim", "Novak", "Fernandes", "Mwangi", "Larsen", "Patel", "Dubois"};
    private static final String[] TOPICS = {"Workplace Safety", "Data Protection", "Leadership Essentials",
        "Customer Service", "Financial Literacy", "Project Management", "Anti-Bribery", "First Aid",
        "Cyber Awareness", "Diversity and Inclusion", "Time Management", "Negotiation"};

    private final long seed;
    private final double scale;

    public MoodleDataGenerator(long seed, double scale) {
        if (!(scale > 0) || scale > 100) {
            throw new IllegalArgumentException("scale must be in (0, 100], got " + scale);
        }
        this.seed = seed;
        this.scale = scale;
    }

    public int companyCount() {
        return Math.max(2, (int) Math.round(10 * scale));
    }

    public int userCount() {
        return Math.max(20, (int) Math.round(10_000 * scale));
    }

    public int courseCount() {
        return Math.max(4, (int) Math.round(50 * scale));
    }

    /** Writes the site into empty Moodle tables on {@code connection}; commits as it goes. */
    public GeneratedSite load(Connection connection, TablePrefix prefix) throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            SplittableRandom random = new SplittableRandom(seed);
            writeRoles(connection, prefix);
            writeCompanies(connection, prefix);
            CourseCatalog catalog = writeCourses(connection, prefix, random.split());
            int[][] companyCourses = writeCompanyCourses(connection, prefix);
            BitSet inactiveUsers = new BitSet();
            int[][] userCompanies = writeUsers(connection, prefix, random.split(), inactiveUsers);
            SplittableRandom enrolmentRandom = random.split();
            // A stream of its own for what later versions added (second enrolments, time windows),
            // so that every earlier draw, and the site it made, stays as it was.
            SplittableRandom windows = random.split();
            long[] enrolmentCounts = writeEnrolments(connection, prefix, enrolmentRandom, windows, catalog,
                    companyCourses, userCompanies);
            writeWebServices(connection, prefix, userCompanies, inactiveUsers);
            double seconds = (System.nanoTime() - started) / 1e9;
            return new GeneratedSite(companyCount(), userCount(), courseCount(),
                    (long) courseCount() * TRACKED_MODULES_PER_COURSE, enrolmentCounts[0], enrolmentCounts[1],
                    enrolmentCounts[2], seconds);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void writeRoles(Connection connection, TablePrefix prefix) throws SQLException {
        try (BulkInsert roles = BulkInsert.into(connection, prefix.table("role"), "id,shortname")) {
            roles.row(1L, "manager");
            roles.row(EDITING_TEACHER_ROLE, "editingteacher");
            roles.row(4L, "teacher");
            roles.row(STUDENT_ROLE, "student");
            roles.row(7L, "user");
        }
    }

    private void writeCompanies(Connection connection, TablePrefix prefix) throws SQLException {
        try (BulkInsert companies = BulkInsert.into(connection, prefix.table("company"), "id,name,shortname,suspended")) {
            for (int c = 1; c <= companyCount(); c++) {
                companies.row((long) c, "Company " + c + " " + LAST_NAMES[c % LAST_NAMES.length] + " Holdings",
                        "co" + c, 0);
            }
        }
    }

    /** Course ids are 2..courseCount()+1; module ids of each course's tracked modules are kept for enrolments. */
    private CourseCatalog writeCourses(Connection connection, TablePrefix prefix, SplittableRandom random)
            throws SQLException {
        int courses = courseCount();
        long[][] tracked = new long[courses + 2][];
        long moduleId = 1;
        try (BulkInsert course = BulkInsert.into(connection, prefix.table("course"),
                "id,fullname,shortname,visible,timemodified");
             BulkInsert context = BulkInsert.into(connection, prefix.table("context"), "id,contextlevel,instanceid");
             BulkInsert enrol = BulkInsert.into(connection, prefix.table("enrol"), "id,enrol,status,courseid");
             BulkInsert modules = BulkInsert.into(connection, prefix.table("course_modules"),
                     "id,course,completion,deletioninprogress,added")) {
            context.row(1L, 10, 0L);
            course.row(1L, "ALX Learning Site", "alx", 1, BASE_TIME);
            context.row(2L, COURSE_CONTEXT_LEVEL, 1L);
            for (long k = 2; k <= courses + 1; k++) {
                String topic = TOPICS[(int) (k % TOPICS.length)];
                boolean hidden = k % 17 == 0;
                course.row(k, topic + " " + (k / TOPICS.length + 1), "c" + k, hidden ? 0 : 1,
                        BASE_TIME + random.nextInt(30 * DAY));
                context.row(courseContext(k), COURSE_CONTEXT_LEVEL, k);
                enrol.row(manualInstance(k), "manual", 0, k);
                // Half the courses keep self-enrolment switched off: those enrolments do not count.
                enrol.row(selfInstance(k), "self", k % 2 == 0 ? 0 : 1, k);
                tracked[(int) k] = new long[TRACKED_MODULES_PER_COURSE];
                for (int m = 0; m < TRACKED_MODULES_PER_COURSE; m++) {
                    tracked[(int) k][m] = moduleId;
                    modules.row(moduleId++, k, m % 3 == 2 ? 2 : 1, 0, BASE_TIME);
                }
                modules.row(moduleId++, k, 0, 0, BASE_TIME);
                modules.row(moduleId++, k, 0, 0, BASE_TIME);
                if (k % 7 == 0) {
                    modules.row(moduleId++, k, 1, 1, BASE_TIME);
                }
            }
        }
        return new CourseCatalog(tracked);
    }

    /** Each company owns a slice of the courses; every fifth course is shared by all companies. */
    private int[][] writeCompanyCourses(Connection connection, TablePrefix prefix) throws SQLException {
        int companies = companyCount();
        List<List<Integer>> byCompany = new ArrayList<>();
        for (int c = 0; c <= companies; c++) {
            byCompany.add(new ArrayList<>());
        }
        try (BulkInsert links = BulkInsert.into(connection, prefix.table("company_course"), "id,companyid,courseid")) {
            long id = 1;
            for (int k = 2; k <= courseCount() + 1; k++) {
                boolean shared = k % 5 == 0;
                for (int c = 1; c <= companies; c++) {
                    if (shared || (k - 2) % companies == c - 1) {
                        links.row(id++, (long) c, (long) k);
                        byCompany.get(c).add(k);
                    }
                }
            }
        }
        int[][] result = new int[companies + 1][];
        for (int c = 1; c <= companies; c++) {
            result[c] = byCompany.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
    }

    /** Users are ids 3..userCount()+2 (1 is guest, 2 is admin); returns each user's companies. */
    private int[][] writeUsers(Connection connection, TablePrefix prefix, SplittableRandom random, BitSet inactive)
            throws SQLException {
        int companies = companyCount();
        int[][] userCompanies = new int[userCount() + 3][];
        try (BulkInsert users = BulkInsert.into(connection, prefix.table("user"),
                "id,username,firstname,lastname,email,deleted,suspended,timemodified");
             BulkInsert members = BulkInsert.into(connection, prefix.table("company_users"), "id,companyid,userid")) {
            users.row(1L, "guest", "Guest user", " ", "root@localhost", 0, 0, BASE_TIME);
            users.row(2L, "admin", "Admin", "User", "admin@example.com", 0, 0, BASE_TIME);
            long memberId = 1;
            for (int u = 3; u <= userCount() + 2; u++) {
                String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
                String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
                double fate = random.nextDouble();
                int deleted = fate < 0.005 ? 1 : 0;
                int suspended = fate >= 0.005 && fate < 0.01 ? 1 : 0;
                inactive.set(u, deleted + suspended > 0);
                users.row((long) u, "user" + u, first, last, first.toLowerCase() + "." + last.toLowerCase() + u
                        + "@example.com", deleted, suspended, BASE_TIME + random.nextInt(200 * DAY));
                int primary = 1 + random.nextInt(companies);
                if (random.nextDouble() < 0.02) {
                    int second = 1 + (primary + random.nextInt(companies - 1)) % companies;
                    userCompanies[u] = new int[] {primary, second};
                } else {
                    userCompanies[u] = new int[] {primary};
                }
                for (int company : userCompanies[u]) {
                    members.row(memberId++, (long) company, (long) u);
                }
            }
        }
        return userCompanies;
    }

    /**
     * Enrols each user in about ten courses of the first company and three of a second, with role,
     * module completions and course completion. Returns {enrolments, module completions, course
     * completions}.
     */
    private long[] writeEnrolments(Connection connection, TablePrefix prefix, SplittableRandom random,
            SplittableRandom windows, CourseCatalog catalog, int[][] companyCourses, int[][] userCompanies) throws SQLException {
        long enrolmentId = 1;
        long roleAssignmentId = 1;
        long moduleCompletionId = 1;
        long courseCompletionId = 1;
        try (BulkInsert enrolments = BulkInsert.into(connection, prefix.table("user_enrolments"),
                "id,status,enrolid,userid,timestart,timeend,timecreated,timemodified");
             BulkInsert roles = BulkInsert.into(connection, prefix.table("role_assignments"),
                     "id,roleid,contextid,userid");
             BulkInsert moduleCompletions = BulkInsert.into(connection, prefix.table("course_modules_completion"),
                     "id,coursemoduleid,userid,completionstate,timemodified");
             BulkInsert courseCompletions = BulkInsert.into(connection, prefix.table("course_completions"),
                     "id,userid,course,timeenrolled,timestarted,timecompleted")) {
            BitSet chosen = new BitSet();
            for (int u = 3; u <= userCount() + 2; u++) {
                chosen.clear();
                for (int i = 0; i < userCompanies[u].length; i++) {
                    int[] offered = companyCourses[userCompanies[u][i]];
                    int wanted = Math.min(offered.length, i == 0 ? 10 : 3);
                    for (int picked = 0, tries = 0; picked < wanted && tries < 4 * offered.length; tries++) {
                        int course = offered[random.nextInt(offered.length)];
                        if (chosen.get(course)) {
                            continue;
                        }
                        chosen.set(course);
                        picked++;
                        long created = BASE_TIME + random.nextInt(120 * DAY);
                        long enrolInstance = random.nextDouble() < 0.9 ? manualInstance(course) : selfInstance(course);
                        int status = random.nextDouble() < 0.04 ? 1 : 0;
                        long timestart = random.nextDouble() < 0.6 ? created + random.nextInt(DAY) : 0;
                        enrolments.row(enrolmentId++, status, enrolInstance, (long) u, timestart,
                                timeend(windows, created), created, created);
                        if (windows.nextDouble() < SECOND_ENROLMENT_SHARE) {
                            // The same learner through the course's other instance (a manager's manual
                            // enrolment beside a self-enrolment), starting weeks before or after.
                            long otherInstance = enrolInstance == manualInstance(course) ? selfInstance(course)
                                    : manualInstance(course);
                            long otherCreated = windows.nextBoolean()
                                    ? Math.max(BASE_TIME, created - DAY - windows.nextInt(60 * DAY))
                                    : created + DAY + windows.nextInt(60 * DAY);
                            enrolments.row(enrolmentId++, windows.nextDouble() < 0.04 ? 1 : 0, otherInstance,
                                    (long) u, otherCreated + windows.nextInt(DAY), timeend(windows, otherCreated),
                                    otherCreated, otherCreated);
                        }
                        long role = random.nextDouble() < 0.97 ? STUDENT_ROLE : EDITING_TEACHER_ROLE;
                        roles.row(roleAssignmentId++, role, courseContext(course), (long) u);

                        long[] modules = catalog.tracked[course];
                        double progress = random.nextDouble();
                        int completed = progress < 0.30 ? modules.length
                                : progress < 0.70 ? 1 + random.nextInt(modules.length - 1) : 0;
                        long time = created + DAY + random.nextInt(10 * DAY);
                        long firstTime = 0;
                        long lastTime = 0;
                        for (int m = 0; m < completed; m++) {
                            time += random.nextInt(5 * DAY);
                            firstTime = firstTime == 0 ? time : firstTime;
                            lastTime = time;
                            int state = m % 3 == 2 ? 2 : 1;
                            moduleCompletions.row(moduleCompletionId++, modules[m], (long) u, state, time);
                        }
                        if (completed > 0 && completed < modules.length && random.nextDouble() < 0.2) {
                            // A failed attempt: a completion record that does not count as complete.
                            moduleCompletions.row(moduleCompletionId++, modules[completed], (long) u, 3, time + DAY);
                        } else if (completed == 0 && random.nextDouble() < 0.1) {
                            // Viewed but not complete: a record in state 0 leaves the course not started.
                            moduleCompletions.row(moduleCompletionId++, modules[0], (long) u, 0, time);
                        }
                        Long timecompleted = completed == modules.length && random.nextDouble() < 0.85
                                ? lastTime + random.nextInt(DAY) : null;
                        long timestarted = firstTime > 0 && random.nextDouble() < 0.8 ? firstTime : 0;
                        courseCompletions.row(courseCompletionId++, (long) u, (long) course, created, timestarted,
                                timecompleted);
                    }
                }
            }
        }
        return new long[] {enrolmentId - 1, moduleCompletionId - 1, courseCompletionId - 1};
    }

    /**
     * An enrolment's end: none for most, a past one for some (an expired licence or a fixed-term
     * course), a future one for others. The sync ignores it (README, Behavior 14); it is here so
     * that the tests prove that.
     */
    private static long timeend(SplittableRandom windows, long created) {
        double draw = windows.nextDouble();
        if (draw < 0.10) {
            return created + 30L * DAY + windows.nextInt(150 * DAY);
        }
        if (draw < 0.18) {
            return FAR_FUTURE + windows.nextInt(365 * DAY);
        }
        return 0;
    }

    /**
     * The plugin's web service as its install creates it, Moodle's (disabled) mobile service, and
     * tokens: 32 lower-case hex characters like Moodle's, derived from the seed.
     */
    private void writeWebServices(Connection connection, TablePrefix prefix, int[][] userCompanies, BitSet inactive)
            throws SQLException {
        try (BulkInsert functions = BulkInsert.into(connection, prefix.table("external_functions"),
                "id,name,classname,methodname,component");
             BulkInsert services = BulkInsert.into(connection, prefix.table("external_services"),
                     "id,name,enabled,restrictedusers,component,shortname,timecreated");
             BulkInsert serviceFunctions = BulkInsert.into(connection, prefix.table("external_services_functions"),
                     "id,externalserviceid,functionname")) {
            functions.row(1L, CORE_SITE_INFO_FUNCTION, "core_webservice_external", "get_site_info", "moodle");
            functions.row(2L, REPORT_FUNCTION, "local_alx_report_api_external", "get_course_progress",
                    "local_alx_report_api");
            services.row(REPORT_SERVICE, "ALX Report API Custom Service", 1, 0, null, "alx_report_api_custom",
                    BASE_TIME);
            services.row(2L, "Moodle mobile web service", 0, 0, "moodle", "moodle_mobile_app", BASE_TIME);
            serviceFunctions.row(1L, REPORT_SERVICE, REPORT_FUNCTION);
            serviceFunctions.row(2L, 2L, CORE_SITE_INFO_FUNCTION);
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eed_70c3L);
        try (BulkInsert tokens = BulkInsert.into(connection, prefix.table("external_tokens"),
                "id,token,tokentype,userid,externalserviceid,contextid,creatorid,validuntil,timecreated,name")) {
            long tokenId = 1;
            boolean twoCompanyUserHasToken = false;
            boolean[] companyHasToken = new boolean[companyCount() + 1];
            for (int u = 3; u < userCompanies.length; u++) {
                if (inactive.get(u)) {
                    continue;
                }
                boolean single = userCompanies[u].length == 1;
                if (single ? companyHasToken[userCompanies[u][0]] : twoCompanyUserHasToken) {
                    continue;
                }
                if (single) {
                    companyHasToken[userCompanies[u][0]] = true;
                } else {
                    twoCompanyUserHasToken = true;
                }
                StringBuilder token = new StringBuilder(32);
                for (int i = 0; i < 32; i++) {
                    token.append(Character.forDigit(random.nextInt(16), 16));
                }
                tokens.row(tokenId++, token.toString(), 0, (long) u, REPORT_SERVICE, 1L, 2L, 0L, BASE_TIME,
                        "Power BI");
            }
        }
    }

    static long courseContext(long courseId) {
        return courseId + 1;
    }

    static long manualInstance(long courseId) {
        return 2 * courseId - 1;
    }

    static long selfInstance(long courseId) {
        return 2 * courseId;
    }

    private record CourseCatalog(long[][] tracked) {
    }
}
