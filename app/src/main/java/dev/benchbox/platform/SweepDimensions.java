package dev.benchbox.platform;

import java.util.List;
import java.util.Map;

/**
 * What a sweep may vary on one kind of platform, checked without a connection (so a bad {@code --sweep} is refused
 * before anything is sent anywhere): the dimensions' names, each value's form, and which settings need a deployment
 * (an EMR Serverless application) of their own.
 */
public interface SweepDimensions {
    /** The dimensions by their canonical names, in the order help and errors list them (e.g. {@code executors}). */
    List<String> names();

    /**
     * The canonical name of a dimension as typed (aliases and case allowed).
     *
     * @throws dev.benchbox.BenchboxException one line naming the dimension and the ones there are
     */
    String canonical(String typed);

    /**
     * Checks one value of a dimension (canonical name) and returns it as configurations carry it.
     *
     * @throws dev.benchbox.BenchboxException one line naming the dimension and the value
     */
    String check(String dimension, String value);

    /**
     * The part of a configuration that needs a deployment of its own (empty: it runs on the connected one).
     * Configurations with equal parts share one deployment.
     */
    Map<String, String> deploymentSettings(Map<String, String> configuration);

    /** What a deployment is called here, e.g. {@code application}. */
    default String deploymentNoun() {
        return "deployment";
    }
}
