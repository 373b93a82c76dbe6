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
        Optional<String> valueless = optionWithoutValue(words);
        if (valueless.isPresent()) {
            return Outcome.failed(new BenchboxException(valueless.get() + " needs a value"));
        }
        Object result = evaluate(new WordsInput(mergeRepeatedOptions(words), rawText));
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
