package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tags the shell puts on what it creates on EMR Serverless (applications, job runs, sessions), so that AWS cost
 * allocation can group the bill by them. The user's own ({@code --tag key=value}) are checked here against AWS's tag
 * rules (the EMR Serverless model's TagKey/TagValue, the {@code aws:} prefix AWS keeps for itself, 50 tags a resource),
 * so a typo costs no AWS call. Keys are kept sorted: a request, and its dry-run file, is the same on every JVM.
 *
 * @param values key to value, sorted by key
 */
public record ResourceTags(Map<String, String> values) {
    /** Who made the resource: the caller policy's CreateApplication condition names this tag. */
    public static final String CREATED_BY = "created-by";
    /** One connection's id: every application it creates carries it. */
    public static final String SESSION = "benchbox-session";
    /** The benchmark run (its results file's run id) a job run, session or created application worked for. */
    public static final String RUN_ID = "benchbox:run-id";
    public static final String BENCHMARK = "benchbox:benchmark";
    public static final String SCALE = "benchbox:scale";

    /** AWS's limit of tags on one resource. */
    static final int MAX_TAGS = 50;
    /** Tags the shell itself may put on one resource (created-by, session, run id, benchmark, scale). */
    static final int OWN_TAGS = 5;

    // the EmrServerless model's TagKey and TagValue shapes
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9 /_.:=+@-]{1,128}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9 /_.:=+@-]{0,256}");
    private static final String ALLOWED = "letters, digits, spaces and _ . : / = + - @";

    public static final ResourceTags NONE = new ResourceTags(Map.of());

    public ResourceTags {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Reads {@code --tag key=value[,key=value...]} (the model allows no comma in a key or value, so a comma only ever
     * separates tags; a key is up to its first {@code =}). Null or blank is no tags.
     */
    public static ResourceTags parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, String> tags = new TreeMap<>();
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new BenchboxException("invalid --tag '" + pair.trim() + "': expected key=value, e.g. --tag team=analytics,project=q3");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (!KEY.matcher(key).matches()) {
                throw new BenchboxException("invalid --tag key '" + key + "': 1-128 characters, " + ALLOWED);
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("aws:")) {
                throw new BenchboxException("invalid --tag key '" + key + "': keys starting with aws: are reserved by AWS");
            }
            if (lower.startsWith("benchbox:") || lower.equals(CREATED_BY) || lower.equals(SESSION)) {
                throw new BenchboxException("invalid --tag key '" + key + "': the shell sets " + key + " itself");
            }
            if (!VALUE.matcher(value).matches()) {
                throw new BenchboxException("invalid --tag value of '" + key + "': up to 256 characters, " + ALLOWED);
            }
            String earlier = tags.put(key, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new BenchboxException("--tag " + key + " is given twice, as '" + earlier + "' and '" + value + "'");
            }
        }
        if (tags.size() > MAX_TAGS - OWN_TAGS) {
            throw new BenchboxException("too many --tag values: " + tags.size() + " given, at most " + (MAX_TAGS - OWN_TAGS)
                    + " (AWS allows " + MAX_TAGS + " tags on a resource and the shell sets up to " + OWN_TAGS + ")");
        }
        return new ResourceTags(tags);
    }

    /** These tags with {@code more} over them. */
    public ResourceTags with(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(values);
        all.putAll(more);
        return new ResourceTags(all);
    }

    /** The tags of one benchmark run's resources: its id, benchmark and scale. */
    public static Map<String, String> forRun(String runId, String benchmark, String scale) {
        return Map.of(RUN_ID, runId, BENCHMARK, benchmark, SCALE, scale);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code key=value,key=value}: how {@code --tag} takes them. */
    public String text() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
