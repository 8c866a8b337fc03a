package org.slsconnect.emulator.sls.store;

import org.slsconnect.emulator.sls.SlsException;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

public final class Project {
    private final String name;
    private volatile String description;
    private final long createTime;
    private final Map<String, Logstore> logstores = new ConcurrentSkipListMap<>();

    public Project(String name, String description, long nowSec) {
        this.name = name;
        this.description = description == null ? "" : description;
        this.createTime = nowSec;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public void description(String description) {
        this.description = description == null ? "" : description;
    }

    public long createTime() {
        return createTime;
    }

    /** Logstores by name, sorted (ListLogStores pages over this order). */
    public Map<String, Logstore> logstores() {
        return logstores;
    }

    public Logstore logstore(String name) {
        Logstore ls = logstores.get(name);
        if (ls == null) {
            throw SlsException.logstoreNotExist(name);
        }
        return ls;
    }

    public Logstore createLogstore(Logstore logstore) {
        if (logstores.putIfAbsent(logstore.name(), logstore) != null) {
            throw new SlsException(400, "LogStoreAlreadyExist", "logstore " + logstore.name() + " already exists");
        }
        return logstore;
    }
}
