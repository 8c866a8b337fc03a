package org.slsconnect.emulator.sls.store;

import org.slsconnect.emulator.sls.SlsException;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/** All projects. Thread-safe; each level guards its own structure. */
public final class Store {
    // Utils.validateProject: [0-9A-Za-z], '-' and '_' allowed except first/last, 1..128 chars.
    private static final Pattern PROJECT_NAME = Pattern.compile("[0-9A-Za-z]([0-9A-Za-z_-]{0,126}[0-9A-Za-z])?");
    private static final Pattern LOGSTORE_NAME = Pattern.compile("[0-9A-Za-z_][0-9A-Za-z_.-]{0,127}");

    private final Map<String, Project> projects = new ConcurrentSkipListMap<>();
    private final LongSupplier nowMillis;

    public Store(LongSupplier nowMillis) {
        this.nowMillis = nowMillis;
    }

    /** The emulator clock in unix seconds (receive times, create times, TTL). */
    public long nowSec() {
        return Math.floorDiv(nowMillis.getAsLong(), 1000L);
    }

    public long nowMillis() {
        return nowMillis.getAsLong();
    }

    public Map<String, Project> projects() {
        return projects;
    }

    public Project project(String name) {
        Project p = name == null ? null : projects.get(name);
        if (p == null) {
            throw SlsException.projectNotExist(name);
        }
        return p;
    }

    public Project createProject(String name, String description) {
        if (name == null || !PROJECT_NAME.matcher(name).matches()) {
            throw SlsException.parameterInvalid("invalid project name '" + name + "'");
        }
        Project p = new Project(name, description, nowSec());
        if (projects.putIfAbsent(name, p) != null) {
            throw new SlsException(400, "ProjectAlreadyExist", "Project " + name + " already exist");
        }
        return p;
    }

    public Project createProjectIfAbsent(String name) {
        Project existing = projects.get(name);
        return existing != null ? existing : projects.computeIfAbsent(name, n -> {
            if (!PROJECT_NAME.matcher(n).matches()) {
                throw SlsException.parameterInvalid("invalid project name '" + n + "'");
            }
            return new Project(n, "", nowSec());
        });
    }

    public void deleteProject(String name) {
        if (projects.remove(name) == null) {
            throw SlsException.projectNotExist(name);
        }
    }

    public static void validateLogstoreName(String name) {
        if (name == null || !LOGSTORE_NAME.matcher(name).matches()) {
            throw SlsException.parameterInvalid("invalid logstore name '" + name + "'");
        }
    }

    public Logstore logstore(String project, String logstore) {
        return project(project).logstore(logstore);
    }

    public void clear() {
        projects.clear();
    }
}
