package dev.benchbox.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The BenchBox Shell version recorded with every run. Maven writes it into {@code application.properties}
 * ({@code benchbox.version=@project.version@}, filtered by the Boot parent), which is on the classpath both
 * in the jar and in tests, unlike the jar manifest's Implementation-Version.
 */
public final class ShellVersion {
    private static final String CURRENT = load();

    private ShellVersion() {
    }

    /** e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build did not say. */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = ShellVersion.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("benchbox.version", "unknown");
            return version.startsWith("@") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
