package org.slsconnect.emulator.sls.api;

import org.slsconnect.emulator.sls.SlsException;
import org.slsconnect.emulator.sls.faults.Faults;
import org.slsconnect.emulator.sls.store.Logstore;
import org.slsconnect.emulator.sls.store.Project;
import org.slsconnect.emulator.sls.store.Shard;
import org.slsconnect.emulator.sls.store.Store;

import java.util.function.LongSupplier;

/** What the handlers share. */
public record ApiContext(Store store, Faults faults, ApiSettings settings, PullCache pullCache, LongSupplier monotonicNanos) {

    Project project(SlsRequest req) {
        if (req.project() == null) {
            throw new SlsException(404, "ProjectNotExist", "The Project does not exist : (no project in Host header '" + req.host() + "')");
        }
        return settings.autoCreateProjects ? store.createProjectIfAbsent(req.project()) : store.project(req.project());
    }

    Logstore logstore(SlsRequest req, Route route) {
        return project(req).logstore(route.logstore());
    }

    /** The shard named in the path; 400 ParameterInvalid if the segment is not a number. */
    static int shardId(Route route) {
        Integer id = route.shard();
        if (id == null) {
            throw SlsException.parameterInvalid("invalid shard id '" + route.shardSegment() + "'");
        }
        return id;
    }

    Shard shard(SlsRequest req, Route route) {
        Logstore ls = logstore(req, route);
        ls.applyTtl(store.nowSec());
        return ls.shard(shardId(route));
    }
}
