package dev.benchbox.platform;

/**
 * What {@code capacity set} asks for, as typed: pre-initialised driver and executor workers ({@code COUNTxSIZE},
 * e.g. {@code 4x4vCPU-16GB}) and the application's maximum capacity. Each part is optional (null: leave it).
 * The platform checks it ({@link CapacityControl#check}) before it asks its service anything.
 */
public record CapacityChange(String driver, String executors, Integer maxCpu, Integer maxMemoryGb) {
}
