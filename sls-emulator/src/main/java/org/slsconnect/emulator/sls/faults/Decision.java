package org.slsconnect.emulator.sls.faults;

import org.slsconnect.emulator.sls.SlsException;

/**
 * What the fault rules decided for one request.
 *
 * @param failure     answer with this error instead of serving (null: serve normally)
 * @param cut         write the headers and part of the body, then close the connection
 * @param delayMillis hold the response this long before writing it
 */
public record Decision(SlsException failure, boolean cut, long delayMillis) {
    public static final Decision NONE = new Decision(null, false, 0);
}
