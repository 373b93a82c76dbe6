package dev.benchbox.platform.emr.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names the shell gives what it creates on EMR Serverless (applications, interactive sessions) when the user
 * names none: one scheme, {@code benchbox-<UTC date>-<UTC time>} ({@code benchbox-20261207-201500}), so both sort
 * and read the same in the console and in {@code cost}.
 */
public final class ResourceNames {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ResourceNames() {
    }

    /** The name of something created at {@code at}. */
    public static String createdAt(Instant at) {
        return "benchbox-" + TIME.format(at);
    }
}
