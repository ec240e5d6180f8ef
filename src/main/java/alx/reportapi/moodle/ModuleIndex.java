package alx.reportapi.moodle;

import java.util.Arrays;

/**
 * Every course module of the site as one scan saw it: its course, and whether it counts as tracked
 * (completion on, not being deleted). Sorted primitive arrays, not a map: a site with a million
 * modules holds 17 MB here, and a lookup is a binary search.
 */
public final class ModuleIndex {

    public static final ModuleIndex EMPTY = new Builder().build();

    private final long[] ids;
    private final long[] courses;
    private final boolean[] tracked;

    private ModuleIndex(long[] ids, long[] courses, boolean[] tracked) {
        this.ids = ids;
        this.courses = courses;
        this.tracked = tracked;
    }

    /** The module's position, or a negative number when the scan did not see it. */
    public int indexOf(long moduleId) {
        return Arrays.binarySearch(ids, moduleId);
    }

    public long courseAt(int index) {
        return courses[index];
    }

    public boolean trackedAt(int index) {
        return tracked[index];
    }

    public int size() {
        return ids.length;
    }

    /** Collects modules in ascending id order, as a scan ordered by id returns them. */
    public static final class Builder {

        private long[] ids = new long[1024];
        private long[] courses = new long[1024];
        private boolean[] tracked = new boolean[1024];
        private int size;

        public Builder add(long moduleId, long courseId, boolean isTracked) {
            if (size > 0 && moduleId <= ids[size - 1]) {
                throw new IllegalArgumentException("module " + moduleId + " after " + ids[size - 1]
                        + ": ids must ascend");
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                courses = Arrays.copyOf(courses, size * 2);
                tracked = Arrays.copyOf(tracked, size * 2);
            }
            ids[size] = moduleId;
            courses[size] = courseId;
            tracked[size] = isTracked;
            size++;
            return this;
        }

        public ModuleIndex build() {
            return new ModuleIndex(Arrays.copyOf(ids, size), Arrays.copyOf(courses, size),
                    Arrays.copyOf(tracked, size));
        }
    }
}
