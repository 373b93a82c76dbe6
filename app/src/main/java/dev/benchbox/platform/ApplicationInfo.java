package dev.benchbox.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An application that runs a platform's work (an EMR Serverless application), as {@code capacity} shows it.
 *
 * @param id application id
 * @param name its name, or null
 * @param state CREATING, CREATED, STARTING, STARTED, STOPPING, STOPPED or TERMINATED
 * @param stateDetails the service's explanation of the state, or null
 * @param releaseLabel e.g. emr-7.0.0
 * @param type engine type, e.g. Spark
 * @param architecture X86_64 or ARM64
 * @param initialCapacity pre-initialised workers per worker type (Driver, Executor), as {@code COUNTxSIZE}
 * @param preInitializedCapacity whether any worker is kept warm (billed while the application is started)
 * @param maxCpu maximum capacity's CPU as the service reports it, or null
 * @param maxMemory maximum capacity's memory, or null
 * @param maxDisk maximum capacity's disk, or null
 * @param autoStart whether a job run starts a stopped application
 * @param autoStop whether it stops when idle
 * @param idleTimeoutMinutes idle minutes before it stops
 */
public record ApplicationInfo(String id, String name, String state, String stateDetails, String releaseLabel, String type,
        String architecture, Map<String, String> initialCapacity, boolean preInitializedCapacity, String maxCpu, String maxMemory,
        String maxDisk, boolean autoStart, boolean autoStop, Integer idleTimeoutMinutes) {
    public ApplicationInfo {
        initialCapacity = Collections.unmodifiableMap(new LinkedHashMap<>(initialCapacity));
    }

    /** Whether any worker is kept warm, billed while the application is started. */
    public boolean hasPreInitializedCapacity() {
        return preInitializedCapacity;
    }
}
