package org.slsconnect.emulator.sls.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slsconnect.emulator.sls.SlsException;
import org.slsconnect.emulator.sls.store.Project;

import java.util.List;

/** CreateProject / GetProject / UpdateProject / DeleteProject / ListProject. */
final class ProjectApi {
    private final ApiContext ctx;

    ProjectApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    SlsResponse create(SlsRequest req) {
        ObjectNode body = req.body().length == 0 ? Json.object() : Json.parseObject(req.body(), "ParameterInvalid");
        String name = Json.optText(body, "projectName");
        if (name == null || name.isEmpty()) {
            name = req.project();
        }
        if (name == null) {
            throw SlsException.parameterInvalid("projectName is required");
        }
        ctx.store().createProject(name, Json.optText(body, "description"));
        return SlsResponse.ok();
    }

    SlsResponse get(SlsRequest req) {
        return SlsResponse.json(toJson(ctx.project(req)));
    }

    SlsResponse update(SlsRequest req) {
        Project p = ctx.project(req);
        ObjectNode body = Json.parseObject(req.body(), "ParameterInvalid");
        if (body.has("description")) {
            p.description(Json.optText(body, "description"));
        }
        return SlsResponse.ok();
    }

    SlsResponse delete(SlsRequest req) {
        ctx.project(req);
        ctx.store().deleteProject(req.project());
        return SlsResponse.ok();
    }

    SlsResponse list(SlsRequest req) {
        int offset = intParam(req, "offset", 0);
        int size = intParam(req, "size", 100);
        String filter = req.param("projectName");
        List<Project> all = ctx.store().projects().values().stream()
                .filter(p -> filter == null || filter.isEmpty() || p.name().contains(filter))
                .toList();
        ArrayNode projects = Json.MAPPER.createArrayNode();
        all.stream().skip(offset).limit(size).forEach(p -> projects.add(toJson(p)));
        ObjectNode out = Json.object();
        out.put("count", projects.size());
        out.put("total", all.size());
        out.set("projects", projects);
        return SlsResponse.json(out);
    }

    private static ObjectNode toJson(Project p) {
        ObjectNode o = Json.object();
        o.put("projectName", p.name());
        o.put("description", p.description());
        o.put("status", "Normal");
        o.put("region", "local-emulator");
        o.put("owner", "");
        o.put("createTime", Long.toString(p.createTime()));
        o.put("lastModifyTime", Long.toString(p.createTime()));
        return o;
    }

    static int intParam(SlsRequest req, String name, int defaultValue) {
        String v = req.param(name);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw SlsException.parameterInvalid("Parameter " + name + " is not valid: " + v);
        }
    }
}
