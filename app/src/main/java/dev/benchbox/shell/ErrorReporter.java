package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.Redaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import dev.benchbox.platform.FailureMessages;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jline.reader.EOFError;
import org.springframework.core.convert.ConversionException;
import org.springframework.shell.CommandNotCurrentlyAvailable;
import org.springframework.shell.CommandNotFound;
import org.springframework.shell.ParameterValidationException;
import org.springframework.shell.command.CommandExecution.CommandParserExceptionsException;
import org.springframework.stereotype.Component;

/**
 * The one place that turns any failure into the one line the user sees, with no credential or secret setting in it.
 * Stack traces only with {@code --debug}. Failures of a platform's own services (AWS's error codes) are put into words by that
 * platform's {@link FailureMessages}, found with {@link ServiceLoader}, so the shell knows no service's errors.
 */
@Component
public class ErrorReporter {
    private static final List<FailureMessages> PLATFORM_MESSAGES = ServiceLoader.load(FailureMessages.class).stream()
            .map(ServiceLoader.Provider::get).toList();

    private final Console console;

    public ErrorReporter(Console console) {
        this.console = console;
    }

    /** Prints the failure, prefixed (e.g. with {@code FILE:LINE: }) when a prefix is given. */
    public void report(String prefix, Throwable failure) {
        console.error((prefix == null ? "" : prefix) + message(failure));
        if (console.debug()) {
            // the trace shown goes to the log too, where a bug report finds it
            org.slf4j.LoggerFactory.getLogger("dev.benchbox.command").warn("--debug trace of: " + message(failure), failure);
            java.io.StringWriter trace = new java.io.StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            PrintWriter writer = console.errorWriter();
            writer.print(Redaction.text(trace.toString()));
            writer.flush();
        }
    }

    /** One line describing the failure. */
    public static String message(Throwable failure) {
        Throwable t = unwrap(failure);
        String text;
        if (t instanceof BenchboxException) {
            text = t.getMessage();
        } else if (translated(t).isPresent()) {
            text = translated(t).orElseThrow();
        } else if (t instanceof CommandNotFound notFound) {
            String word = notFound.getWords().isEmpty() ? "" : notFound.getWords().get(0);
            text = "unknown command '" + word + "': type help to list the commands";
        } else if (t instanceof CommandNotCurrentlyAvailable) {
            text = t.getMessage().replaceFirst("^Command '([^']*)' exists but is not currently available because ",
                    "'$1' is not available: ");
        } else if (t instanceof CommandParserExceptionsException parser) {
            text = parser.getParserExceptions().stream()
                    .map(e -> lowerFirst(OptionValues.withoutTypeNames(e.getMessage())))
                    .distinct()
                    .collect(Collectors.joining("; "));
        } else if (t instanceof ParameterValidationException validation) {
            text = validation.getConstraintViolations().stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining("; "));
        } else if (t instanceof ConversionException conversion) {
            Throwable cause = conversion.getMostSpecificCause();
            text = conversion instanceof org.springframework.core.convert.ConversionFailedException failed && failed.getValue() != null
                    ? "invalid value '" + failed.getValue() + "'"
                    : OptionValues.withoutTypeNames("invalid value: " + (cause.getMessage() == null ? conversion.getMessage() : cause.getMessage()));
        } else if (t instanceof EOFError) {
            text = "malformed line: " + t.getMessage();
        } else if (t instanceof NoSuchFileException) {
            text = "no such file: " + t.getMessage();
        } else if (t instanceof AccessDeniedException) {
            text = "cannot read " + t.getMessage() + ": permission denied";
        } else if (t instanceof IOException) {
            text = "I/O error: " + t.getMessage();
        } else if (t instanceof IllegalArgumentException) {
            text = t.getMessage();
        } else if (t instanceof InterruptedException) {
            text = "interrupted";
        } else {
            text = "internal error: " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage())) + " (run with --debug for details)";
        }
        // the last guard before the screen: a message that quotes a URL or a setting shows no credential
        return Redaction.text(firstLine(text));
    }

    private static Optional<String> translated(Throwable failure) {
        return PLATFORM_MESSAGES.stream().map(m -> m.message(failure)).flatMap(Optional::stream).findFirst();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof UncheckedIOException || t instanceof java.lang.reflect.UndeclaredThrowableException
                || t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String lowerFirst(String text) {
        if (text == null || text.isEmpty()) {
            return "invalid option";
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "failed";
        }
        String[] lines = text.strip().split("\\R");
        return lines[0];
    }
}
