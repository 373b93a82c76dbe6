package dev.benchbox.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the running command touched, for its line in the log: the AWS resources it named (applications, job runs,
 * sessions) and the files it wrote. Every layer notes here what it touches (AWS clients, the session API, the file
 * writer) without knowing about commands; the shell starts a trail before a command and reads it after. Between
 * commands (a background refresh) nothing is gathered.
 */
public final class CommandTrail {
    // at most this many files named on the command's line: a load can write hundreds of objects
    private static final int FILES_NAMED = 20;
    private static final Object LOCK = new Object();
    private static Map<String, Set<String>> touched;
    private static List<String> written;
    private static int writtenCount;

    private CommandTrail() {
    }

    /** Starts gathering for a new command (what an earlier one left is dropped). */
    public static void start() {
        synchronized (LOCK) {
            touched = new LinkedHashMap<>();
            written = new ArrayList<>();
            writtenCount = 0;
        }
    }

    /** Stops gathering and says what was gathered: {@code application 00f1, job run 00f2; wrote /x.json}, or "". */
    public static String finish() {
        synchronized (LOCK) {
            if (touched == null) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            touched.forEach((kind, ids) -> ids.forEach(id -> parts.add(kind + " " + id)));
            StringBuilder text = new StringBuilder(String.join(", ", parts));
            if (!written.isEmpty()) {
                text.append(text.isEmpty() ? "" : "; ").append("wrote ").append(String.join(", ", written));
                if (writtenCount > written.size()) {
                    text.append(" and ").append(writtenCount - written.size()).append(" more");
                }
            }
            touched = null;
            written = null;
            return text.toString();
        }
    }

    /** The running command touched this resource, e.g. {@code ("application", "00f1abc")}. */
    public static void touched(String kind, String id) {
        if (id == null || id.isBlank()) {
            return;
        }
        synchronized (LOCK) {
            if (touched != null) {
                touched.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(id);
            }
        }
    }

    /** The running command wrote this file or object. */
    public static void wrote(String file) {
        synchronized (LOCK) {
            if (written != null) {
                writtenCount++;
                if (written.size() < FILES_NAMED) {
                    written.add(file);
                }
            }
        }
    }
}
