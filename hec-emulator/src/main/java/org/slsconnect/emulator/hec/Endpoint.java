package org.slsconnect.emulator.hec;

/** The HEC ingestion endpoint an event arrived on. */
public enum Endpoint {
    /** {@code /services/collector}, {@code /services/collector/event}, {@code /services/collector/event/1.0}. */
    EVENT,
    /** {@code /services/collector/raw}, {@code /services/collector/raw/1.0}. */
    RAW
}
