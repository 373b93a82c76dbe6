package dev.benchbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for what the shell may record or print of a setting: Spark's own. A setting is secret when its key
 * or its value matches the default of {@code spark.redaction.regex}, and its value is then shown as Spark shows it,
 * {@value #REDACTED}. Credentials in a URL are masked: the password, or a user name that stands alone (a token).
 * What is sent to AWS keeps the real values; only what is written to disk or the screen goes through here.
 */
public final class Redaction {
    /** What a secret value is replaced by (Spark's own marker). */
    public static final String REDACTED = "*********(redacted)";

    /** What a URL's password is replaced by. */
    static final String MASK = "***";

    // the default of spark.redaction.regex
    private static final Pattern SECRET = Pattern.compile("(?i)secret|password|token|access[.]?key");
    // scheme://user:password@ or scheme://user@ (user info ends at the first '@' before any '/')
    private static final Pattern URL_USER_INFO = Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]*://)([^\\s/@:]*)(:[^\\s/@]*)?@");
    // a quoted value, or a word up to a blank or a quote
    private static final String VALUE = "\"[^\"]*\"|'[^']*'|[^\\s\"']+";
    // --option value or --option=value whose option name looks secret (e.g. --secret-key, --password)
    private static final Pattern SECRET_OPTION = Pattern.compile("(--[A-Za-z][\\w.-]*)([ \\t]+|=)(" + VALUE + ")");
    // key=value, e.g. a --spark-conf or --platform-option pair
    private static final Pattern PAIR = Pattern.compile("([^\\s=\"']+)=(" + VALUE + ")");

    private Redaction() {
    }

    /** Whether a key (or a value) looks secret by Spark's rule. */
    public static boolean isSecret(String text) {
        return text != null && SECRET.matcher(text).find();
    }

    /** The value as it may be recorded: {@value #REDACTED} when the key or the value looks secret. */
    public static String value(String key, String value) {
        return value != null && (isSecret(key) || isSecret(value)) ? REDACTED : value;
    }

    /** A copy of the settings, in order, with each secret value redacted. */
    public static Map<String, String> settings(Map<String, String> settings) {
        Map<String, String> redacted = new LinkedHashMap<>();
        settings.forEach((key, value) -> redacted.put(key, value(key, value)));
        return Collections.unmodifiableMap(redacted);
    }

    /** The URL with the credentials of its user info masked ({@code http://user:***@host}, {@code http://***@host}). */
    public static URI url(URI url) {
        if (url == null || url.getRawUserInfo() == null) {
            return url;
        }
        try {
            return new URI(maskUserInfo(url.toString()));
        } catch (URISyntaxException e) {
            // the masked text is the same URL with other user info: it parses as the original did
            throw new IllegalStateException(e);
        }
    }

    /**
     * Free text (a typed command line, a message) with URL credentials masked and secret settings redacted:
     * {@code key=value} pairs whose key or value looks secret, and the value after an option whose name looks secret.
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = maskUserInfo(text);
        masked = replace(SECRET_OPTION, masked, m -> isSecret(m.group(1)) ? m.group(1) + m.group(2) + REDACTED : m.group());
        return replace(PAIR, masked, m -> isSecret(m.group(1)) || isSecret(unquoted(m.group(2)))
                ? m.group(1) + "=" + REDACTED : m.group());
    }

    private static String maskUserInfo(String text) {
        return replace(URL_USER_INFO, text, m -> m.group(1) + (m.group(3) == null ? MASK : m.group(2) + ":" + MASK) + "@");
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'")) ? value.substring(1, value.length() - 1) : value;
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
