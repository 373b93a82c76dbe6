package dev.benchbox.shell;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;

/**
 * An option's value checked against the option's type before the framework converts it: the framework's own message
 * names Java types ({@code Failed to convert from type [java.lang.String] to type [int]}) and not the option.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** The first value that its option's type cannot hold, said in one line naming the option; empty when all can. */
    static Optional<String> check(CommandRegistration command, List<String> words, int firstOptionWord) {
        for (int i = firstOptionWord; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--")) {
                continue;
            }
            Optional<CommandOption> option = command.getOptions().stream()
                    .filter(o -> Arrays.asList(o.getLongNames()).contains(word.substring(2))).findFirst();
            if (option.isEmpty() || i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                continue;
            }
            Class<?> type = option.get().getType() == null ? null : option.get().getType().resolve();
            Optional<String> expected = expected(type, words.get(i + 1));
            if (expected.isPresent()) {
                return Optional.of("invalid " + word + " '" + words.get(i + 1) + "': expected " + expected.get()
                        + (isBoolean(type) ? " (or " + word + " alone for true)" : ""));
            }
        }
        return Optional.empty();
    }

    /** What a value of this type looks like, when {@code value} is not one. */
    static Optional<String> expected(Class<?> type, String value) {
        if (type == null) {
            return Optional.empty();
        }
        if (type == int.class || type == Integer.class) {
            return wholeNumber(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == long.class || type == Long.class) {
            return wholeNumber(value, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            try {
                double number = Double.parseDouble(value.strip());
                return Double.isFinite(number) ? Optional.empty() : Optional.of("a number");
            } catch (NumberFormatException e) {
                return Optional.of("a number");
            }
        }
        if (isBoolean(type)) {
            String lower = value.strip().toLowerCase(Locale.ROOT);
            return lower.equals("true") || lower.equals("false") ? Optional.empty() : Optional.of("true or false");
        }
        if (type.isEnum()) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return names.stream().anyMatch(n -> n.equalsIgnoreCase(value.strip())) ? Optional.empty()
                    : Optional.of("one of " + String.join(", ", names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()));
        }
        return Optional.empty();
    }

    private static boolean isBoolean(Class<?> type) {
        return type == boolean.class || type == Boolean.class;
    }

    private static Optional<String> wholeNumber(String value, long min, long max) {
        String text = value.strip();
        if (!text.matches("[-+]?[0-9]+")) {
            return Optional.of("a whole number");
        }
        try {
            long number = Long.parseLong(text);
            if (number >= min && number <= max) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // beyond even a long: out of range as well
        }
        return Optional.of("a whole number from " + min + " to " + max);
    }

    // Spring Shell's parser message: Illegal option value 'V', reason 'Failed to convert from type [java.lang.String] ...'
    private static final Pattern FRAMEWORK = Pattern.compile("(?i)illegal option value '(.*)', reason '.*'");

    /**
     * The framework's message without its Java type names, for a conversion this class did not foresee; any other
     * message as it is.
     */
    static String withoutTypeNames(String message) {
        if (message == null) {
            return null;
        }
        Matcher framework = FRAMEWORK.matcher(message);
        if (framework.matches()) {
            return "invalid value '" + framework.group(1) + "'";
        }
        if (message.contains("Failed to convert") || message.matches("(?s).*\\[java\\.[^]]*].*")) {
            Matcher value = Pattern.compile("for value \\[(.*?)]").matcher(message);
            return value.find() ? "invalid value '" + value.group(1) + "'" : "invalid value";
        }
        return message;
    }
}
