package io.procmesh.core.test;

import java.util.List;

/**
 * A service that reports its live config, for the tests of {@code ServiceMain} and {@code ServiceConfig}.
 */
public interface ConfigProbeApi
{
    /**
     * @return the key's value in force as a string, or "unset".
     */
    String value(String key);

    /**
     * @return every set of changed keys its listener was told of, in order, as comma-joined strings.
     */
    List<String> changes();

    /**
     * Puts then gets a value through the service's durable store "probe".
     */
    String storeRoundTrip(String key, String value);

    /**
     * @return the key's value in the store "probe", or null.
     */
    String stored(String key);
}
