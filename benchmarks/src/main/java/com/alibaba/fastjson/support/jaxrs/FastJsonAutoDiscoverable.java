package com.alibaba.fastjson.support.jaxrs;

import jakarta.ws.rs.core.FeatureContext;

import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Benchmark-only copy of the integration tests' shadow (keep in sync): a shadow of fastjson's Jersey auto-discoverable. The SLS SDK brings fastjson, whose jar registers this
 * class for Jersey auto-discovery, but the real class is written against javax.ws.rs and fails to load in
 * Connect's Jersey 3 REST server ("NoClassDefFoundError: javax/ws/rs/core/FeatureContext"). In a real worker the
 * connector lives in its own plugin class loader, which Jersey never scans; in these tests everything shares one
 * class path, and test classes come first, so this no-op version is the one found.
 */
public class FastJsonAutoDiscoverable implements AutoDiscoverable {
    @Override
    public void configure(FeatureContext context) {
        // Nothing: the worker's REST API uses Jackson.
    }
}
