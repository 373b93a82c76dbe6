package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.springframework.shell.CommandNotFound;
import org.springframework.shell.ExitRequest;
import org.springframework.shell.Input;
import org.springframework.shell.InputProvider;
import org.springframework.shell.ResultHandlerService;
import org.springframework.shell.Shell;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.exit.ExitCodeMappings;

/**
 * Spring Shell's {@link Shell} with one change: a command's failure comes back to the caller as an
 * {@link Outcome} instead of being printed deep inside the framework. That lets the interactive loop,
 * the one-shot command line and the {@code .bbx} replayer all report failures the same way (one line,
 * via {@link ErrorReporter}) and know whether a line failed.
 */
public class BenchboxShell extends Shell {
    private final ResultHandlerService resultHandlerService;
    private final ErrorReporter errorReporter;
    private final Console console;
    private final CommandCatalog commands;

    public BenchboxShell(ResultHandlerService resultHandlerService, CommandCatalog commandRegistry, Terminal terminal,
            ShellContext shellContext, ExitCodeMappings exitCodeMappings, ErrorReporter errorReporter, Console console) {
        super(resultHandlerService, commandRegistry, terminal, shellContext, exitCodeMappings);
        this.resultHandlerService = resultHandlerService;
        this.errorReporter = errorReporter;
        this.console = console;
        this.commands = commandRegistry;
    }

    /** Framework resolvers would print parser errors themselves and hide the failure; we report them. */
    @Override
    public void setExceptionResolvers(List<CommandExceptionResolver> exceptionResolvers) {
        super.setExceptionResolvers(List.of());
    }

    /**
     * Spring Shell's own resolver offers every option name wherever TAB is pressed, even where a value goes:
     * {@link OptionCompletion} takes its place.
     */
    @Override
    @org.springframework.beans.factory.annotation.Autowired
    public void setCompletionResolvers(List<org.springframework.shell.completion.CompletionResolver> resolvers) {
        super.setCompletionResolvers(resolvers.stream()
                .filter(resolver -> !(resolver instanceof org.springframework.shell.completion.RegistrationOptionsCompletionResolver))
                .toList());
    }

    /** Runs one command given as words; its output is printed, its failure returned. */
    public Outcome execute(List<String> words, String rawText) {
        if (words.isEmpty() || words.stream().allMatch(String::isBlank)) {
            return run(words, rawText);
        }
        CommandLog.Entry entry = CommandLog.begin(rawText == null || rawText.isBlank() ? String.join(" ", words) : rawText);
        Outcome outcome = Outcome.failed(new IllegalStateException("no outcome"));
        try {
            outcome = run(words, rawText);
            return outcome;
        } finally {
            entry.end(outcome.failure(), outcome.failure() == null ? null : ErrorReporter.message(outcome.failure()));
        }
    }

    private Outcome run(List<String> words, String rawText) {
        Optional<String> valueless = optionWithoutValue(words);
        if (valueless.isPresent()) {
            return Outcome.failed(new BenchboxException(valueless.get() + " needs a value"));
        }
        Optional<String> repeated = repeatedOption(words);
        if (repeated.isPresent()) {
            return Outcome.failed(new BenchboxException(repeated.get()));
        }
        int[] commandWords = {0};
        CommandRegistration command = command(words, commandWords);
        if (command != null) {
            Optional<String> unconvertible = OptionValues.check(command, words, commandWords[0]);
            if (unconvertible.isPresent()) {
                return Outcome.failed(new BenchboxException(unconvertible.get()));
            }
        }
        List<String> line;
        try {
            line = restOfLineAsSql(words, rawText);
        } catch (BenchboxException e) {
            return Outcome.failed(e);
        }
        Object result = evaluate(new WordsInput(mergeRepeatedOptions(line), rawText));
        if (result == NO_INPUT) {
            return Outcome.EMPTY;
        }
        if (result instanceof ExitRequest) {
            return Outcome.EXIT;
        }
        if (result instanceof CommandNotFound notFound) {
            return Outcome.failed(notFound);
        }
        if (result instanceof Throwable failure) {
            return Outcome.failed(failure);
        }
        if (result instanceof org.jline.utils.AttributedString help && !words.isEmpty() && words.get(0).equals("help")) {
            result = HelpLayout.layout(help, words.size() == 1, console.terminal().getWidth());
        }
        if (result != null) {
            // the framework prints the result straight to the terminal: a ticking line (application STARTING · 2.4 s)
            // still on screen would otherwise run into it
            console.endLiveLine();
            resultHandlerService.handle(result);
        }
        return Outcome.SUCCESS;
    }

    /**
     * An option that takes a value given as the last word or right before another option: Spring Shell passes such an
     * option on as absent (null), so {@code report --output} failed deep inside the command instead of saying this.
     */
    Optional<String> optionWithoutValue(List<String> words) {
        CommandRegistration command = null;
        int commandWords = 0;
        for (int n = words.size(); n > 0 && command == null; n--) {
            command = commands.getRegistrations().get(String.join(" ", words.subList(0, n)));
            commandWords = n;
        }
        if (command == null) {
            return Optional.empty();
        }
        for (int i = commandWords; i < words.size(); i++) {
            String word = words.get(i);
            if (!isOptionName(word) || (i + 1 < words.size() && !isOptionName(words.get(i + 1)))) {
                continue;
            }
            String name = word.substring(2);
            boolean takesValue = command.getOptions().stream()
                    .filter(option -> Arrays.asList(option.getLongNames()).contains(name))
                    .anyMatch(BenchboxShell::takesValue);
            if (takesValue) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    /** The command a line names and how many of its words name it, or null. */
    private CommandRegistration command(List<String> words, int[] commandWords) {
        for (int n = words.size(); n > 0; n--) {
            CommandRegistration command = commands.getRegistrations().get(String.join(" ", words.subList(0, n)));
            if (command != null) {
                commandWords[0] = n;
                return command;
            }
        }
        return null;
    }

    /**
     * An option given twice: Spring Shell keeps one of the values and drops the other without a word, so
     * {@code --iterations 3 --iterations 5} would run one of them silently. Options that gather values
     * ({@link #REPEATABLE}) may repeat.
     */
    Optional<String> repeatedOption(List<String> words) {
        int[] commandWords = {0};
        CommandRegistration command = command(words, commandWords);
        if (command == null) {
            return Optional.empty();
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        command.getOptions().forEach(option -> Arrays.stream(option.getLongNames()).forEach(n -> names.add("--" + n)));
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (int i = commandWords[0]; i < words.size(); i++) {
            String word = words.get(i);
            if (!names.contains(word) || REPEATABLE.contains(word)) {
                continue;
            }
            String value = i + 1 < words.size() && !isOptionName(words.get(i + 1)) ? words.get(i + 1) : null;
            if (seen.containsKey(word)) {
                String first = seen.get(word);
                return Optional.of(first != null && value != null
                        ? word + " is given twice ('" + first + "' and '" + value + "'): give it once"
                        : word + " is given twice: give it once");
            }
            seen.put(word, value);
        }
        return Optional.empty();
    }

    /** Commands whose first word is SQL: unquoted, the rest of the line is the statement. */
    static final java.util.Set<String> SQL_COMMANDS = java.util.Set.of("query");

    /**
     * {@code query SELECT 1}: unquoted SQL is several words, and Spring Shell would hand the second to the next option
     * ({@code unknown format '1'}). With no option on the line the rest of the line is the statement, exactly as typed;
     * with options after it, which words are SQL is a guess, so the user is asked to quote it.
     */
    List<String> restOfLineAsSql(List<String> line, String rawText) {
        // the parser gives an empty last word after a closing quote: not a word of the SQL
        List<String> words = line;
        while (!words.isEmpty() && words.get(words.size() - 1).isEmpty()) {
            words = words.subList(0, words.size() - 1);
        }
        if (words.size() < 3 || !SQL_COMMANDS.contains(words.get(0)) || isOptionName(words.get(1))) {
            return line;
        }
        String name = words.get(0);
        int firstOption = 1;
        while (firstOption < words.size() && !isOptionName(words.get(firstOption))) {
            firstOption++;
        }
        if (firstOption == 2) {
            return line;
        }
        if (firstOption < words.size()) {
            throw new BenchboxException("the SQL is several words: quote it, e.g. " + name + " \"" + String.join(" ",
                    words.subList(1, firstOption)) + "\" " + String.join(" ", words.subList(firstOption, words.size())));
        }
        java.util.regex.Matcher typed = java.util.regex.Pattern.compile("\\s*" + java.util.regex.Pattern.quote(name) + "\\s+(.*)",
                java.util.regex.Pattern.DOTALL).matcher(rawText == null ? "" : rawText);
        String sql = typed.matches() ? typed.group(1).strip() : String.join(" ", words.subList(1, words.size()));
        return List.of(name, sql);
    }

    /** {@code --output}; not a value that starts with two dashes, such as SQL opening with a comment. */
    private static boolean isOptionName(String word) {
        return OPTION_NAME.matcher(word).matches();
    }

    private static final java.util.regex.Pattern OPTION_NAME = java.util.regex.Pattern.compile("--[A-Za-z][A-Za-z0-9-]*");

    private static boolean takesValue(CommandOption option) {
        Class<?> type = option.getType() == null ? null : option.getType().resolve();
        return type != boolean.class && type != Boolean.class;
    }

    /** Options that may be given several times, each with one value. */
    static final java.util.Set<String> REPEATABLE = java.util.Set.of("--platform-option", "--sweep", "--spark-conf");

    /**
     * Spring Shell keeps only the last occurrence of an option; {@code --platform-option a=1 --platform-option b=2}
     * must give both. Every occurrence's values are gathered behind one occurrence at the end (the option takes
     * any number of values).
     */
    static List<String> mergeRepeatedOptions(List<String> words) {
        java.util.Map<String, List<String>> gathered = new java.util.LinkedHashMap<>();
        List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (REPEATABLE.contains(word)) {
                List<String> values = gathered.computeIfAbsent(word, w -> new java.util.ArrayList<>());
                while (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                    values.add(words.get(++i));
                }
            } else {
                rest.add(word);
            }
        }
        gathered.forEach((option, values) -> {
            rest.add(option);
            rest.addAll(values);
        });
        return List.copyOf(rest);
    }

    /** The interactive loop: failures are reported and the session goes on. */
    @Override
    public void run(InputProvider inputProvider) {
        while (true) {
            Input input;
            try {
                input = inputProvider.readInput();
            } catch (ExitRequest e) {
                return;
            } catch (Exception e) {
                errorReporter.report(null, e);
                continue;
            }
            if (input == null) {
                return;
            }
            Outcome outcome = execute(input.words(), input.rawText());
            if (outcome == Outcome.EXIT) {
                return;
            }
            if (outcome.failure() != null) {
                errorReporter.report(null, outcome.failure());
            }
        }
    }

    /** What running one line gave. */
    public record Outcome(Kind kind, Throwable failure) {
        static final Outcome EMPTY = new Outcome(Kind.EMPTY, null);
        static final Outcome SUCCESS = new Outcome(Kind.SUCCESS, null);
        static final Outcome EXIT = new Outcome(Kind.EXIT, null);

        static Outcome failed(Throwable failure) {
            return new Outcome(Kind.FAILED, failure);
        }

        public boolean failed() {
            return kind == Kind.FAILED;
        }

        public enum Kind { EMPTY, SUCCESS, FAILED, EXIT }
    }

    private record WordsInput(List<String> words, String rawText) implements Input {
    }
}
