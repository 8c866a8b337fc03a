package org.slsconnect.emulator.sls.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.SlsException;

class SplTest {

    private static Map<String, String> log(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    private static final Map<String, String> GET_500 = log("method", "GET", "status", "500", "path", "/api/users", "ms", "12.5");
    private static final Map<String, String> POST_200 = log("method", "POST", "status", "200", "path", "/login", "ms", "3");

    private static boolean keeps(String query, Map<String, String> log) {
        return Spl.parse(query).apply(log, new LinkedHashMap<>()) == Spl.Outcome.KEPT;
    }

    private static Map<String, String> result(String query, Map<String, String> log) {
        Map<String, String> out = new LinkedHashMap<>();
        assertEquals(Spl.Outcome.KEPT, Spl.parse(query).apply(log, out));
        return out;
    }

    @Test
    void whereWithComparisonsAndLogic() {
        assertTrue(Spl.parse("*").isIdentity());
        assertTrue(keeps("* | where method = 'GET'", GET_500));
        assertEquals(false, keeps("* | where method = 'GET'", POST_200));
        assertTrue(keeps("* | where cast(status as bigint) >= 500", GET_500));
        assertEquals(false, keeps("* | where cast(status as bigint) >= 500", POST_200));
        assertTrue(keeps("* | where method = 'POST' or cast(status as bigint) > 499", GET_500));
        assertTrue(keeps("* | where not (method = 'GET' and status = '200')", GET_500));
        assertEquals(false, keeps("* | where method <> 'GET' AND status != '200'", POST_200));
        assertTrue(keeps("* | where cast(ms as double) > 10.0", GET_500));
        assertTrue(keeps("* | where cast(ms as double) * 2 >= 25", GET_500));
        assertTrue(keeps("* | where \"path\" like '/api/%'", GET_500));
        assertTrue(keeps("* | where path not like '/api/%'", POST_200));
        assertTrue(keeps("* | where path like '/logi_'", POST_200));
        assertTrue(keeps("* | where method in ('PUT', 'POST')", POST_200));
        assertEquals(false, keeps("* | where method not in ('PUT', 'POST')", POST_200));
        assertTrue(keeps("* | where cast(status as bigint) in (500, 503)", GET_500));
    }

    @Test
    void missingFieldsAreNullAndNullIsNeverTrue() {
        assertEquals(false, keeps("* | where user = 'x'", GET_500));
        assertEquals(false, keeps("* | where not user = 'x'", GET_500));
        assertTrue(keeps("* | where user is null", GET_500));
        assertTrue(keeps("* | where status is not null", GET_500));
        assertTrue(keeps("* | where user = 'x' or method = 'GET'", GET_500));
    }

    @Test
    void aFailedCastDropsTheLogAndTryCastGivesNull() {
        Map<String, String> bad = log("status", "n/a");
        assertEquals(Spl.Outcome.FAILED, Spl.parse("* | where cast(status as bigint) > 1").apply(bad, new LinkedHashMap<>()));
        assertEquals(Spl.Outcome.FILTERED, Spl.parse("* | where try_cast(status as bigint) > 1").apply(bad, new LinkedHashMap<>()));
    }

    @Test
    void projectProjectAwayAndExtend() {
        assertEquals(List.of("status", "method"), List.copyOf(result("* | project status, method", GET_500).keySet()));
        assertEquals(List.of("method", "status"), List.copyOf(result("* | project-away path, ms", GET_500).keySet()));
        Map<String, String> extended = result("* | extend code = cast(status as bigint) + 1, what = method || ' ' || path", GET_500);
        assertEquals("501", extended.get("code"));
        assertEquals("GET /api/users", extended.get("what"));
        assertEquals(log("path", "/api/users", "slow", "1"),
            result("* | where cast(ms as double) > 10 | extend slow = '1' | project path, slow", GET_500));
    }

    @Test
    void unsupportedOrInvalidQueriesGetSlsParameterInvalid() {
        for (String q : new String[] {
            "status: 500",                                  // a search statement
            "* | stats count(*) by method",                 // a command outside the subset
            "* | parse-json body",
            "* | where lower(method) = 'get'",              // a function
            "* | where status >= 500",                      // varchar vs bigint without a cast
            "* | where status",                             // not a condition
            "* | where method = 'GET",                      // unterminated string
            "* | where cast(status as json) > 1",
            "* |",
        }) {
            SlsException e = assertThrows(SlsException.class, () -> Spl.parse(q), q);
            assertEquals(400, e.status(), q);
            assertEquals("ParameterInvalid", e.errorCode(), q);
        }
        SlsException e = assertThrows(SlsException.class, () -> Spl.parse("* | where status >= 500"));
        assertTrue(e.errorMessage().contains("cast(status as bigint)"), e.errorMessage());
    }
}
