package org.slsconnect.emulator.sls.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slsconnect.emulator.sls.SlsException;

import java.io.IOException;

final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(byte[] body, String errorCode) {
        try {
            JsonNode node = body.length == 0 ? null : MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new SlsException(400, errorCode, "request body is not valid JSON");
            }
            return node;
        } catch (IOException e) {
            throw new SlsException(400, errorCode, "request body is not valid JSON: " + e.getMessage());
        }
    }

    static ObjectNode parseObject(byte[] body, String errorCode) {
        JsonNode node = parse(body, errorCode);
        if (!node.isObject()) {
            throw new SlsException(400, errorCode, "request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** An int field that may also arrive as a string (the Python SDK sends some numbers as strings). */
    static Integer optInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.asInt();
        }
        try {
            return Integer.parseInt(v.asText().trim());
        } catch (NumberFormatException e) {
            throw SlsException.parameterInvalid(field + " must be a number");
        }
    }

    static Boolean optBool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText());
    }

    static String optText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
