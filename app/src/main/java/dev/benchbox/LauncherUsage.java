package dev.benchbox;

import java.io.PrintWriter;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code benchbox --help} / {@code -h}: how to start the application, printed before Spring starts (nothing
 * else is needed to print it, so it is instant). The commands themselves are listed by {@code help}.
 */
public final class LauncherUsage {
    /** The usage text, exactly as printed. */
    public static final String TEXT = """
            Usage: benchbox [OPTIONS]                      start the interactive shell
                   benchbox [OPTIONS] COMMAND [ARGS...]    run one command, then exit
                   benchbox [OPTIONS] --script FILE        replay a .bbx script, then exit

            Options (before the command):
              --script FILE          replay the .bbx script FILE
              --continue-on-error    with --script: run every line, then report how many failed
              --path FILE            one-shot commands run on this DuckDB database file (default: in memory)
              --debug                print the stack trace behind an error
              -h, --help             print this help and exit

            Commands: benchbox help lists them, benchbox help COMMAND shows a command's options.
            Exit status: 0 when everything succeeded, 1 when a command failed.
            Environment: BENCHBOX_HOME (logs, history; default ~/.benchbox), BENCHBOX_JAVA_OPTS (JVM options),
              NO_COLOR=1 (no colour).
            """;

    /**
     * The launcher options that take the next word as their value, read from {@link #TEXT} (an option line naming a
     * value, {@code --path FILE}), so the usage and the parsing cannot disagree. scripts/benchbox scans the options
     * by the same rule; a test compares its list with this one.
     */
    public static final Set<String> VALUE_OPTIONS = valueOptions(TEXT);

    private LauncherUsage() {
    }

    static Set<String> valueOptions(String usage) {
        Matcher option = Pattern.compile("(?m)^ {2}(?:-[a-zA-Z], )?(--[a-z][a-z-]*) [A-Z]+ ").matcher(usage);
        return option.results().map(match -> match.group(1)).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether this launcher option takes the next word as its value. */
    public static boolean takesValue(String option) {
        return VALUE_OPTIONS.contains(option);
    }

    /** Whether the launcher options (those before the command) ask for this usage. */
    public static boolean requested(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
            if (takesValue(arg)) {
                i++; // its value
            } else if (!arg.startsWith("--")) {
                // the command: what follows is the command's own
                return false;
            }
        }
        return false;
    }

    public static void print(PrintWriter out) {
        out.print(TEXT);
        out.flush();
    }
}
