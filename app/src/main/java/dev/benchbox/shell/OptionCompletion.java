package dev.benchbox.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

/**
 * What TAB offers after a command's name, in place of Spring Shell's resolver (which offered every option name
 * everywhere: {@code run tpch --validate <TAB>} then rewrote the line to {@code --validate -}, and
 * {@code query "..." --format <TAB>} mixed the options into the formats):
 * <ul>
 * <li>right after an option that takes a value: nothing from here (the shell completes that option's values alone);
 * <li>a word typed without its option name where the command takes one ({@code connect e<TAB>}, {@code describe li<TAB>},
 * {@code compare a.json <TAB>}): the values of that positional option;
 * <li>otherwise the option names not given yet (repeatable ones always).
 * </ul>
 */
@Component
public class OptionCompletion implements CompletionResolver {

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        CommandRegistration command = context.getCommandRegistration();
        if (command == null) {
            return List.of();
        }
        List<String> words = context.getWords();
        int index = context.getWordIndex();
        String current = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        if (index > 0 && index - 1 < words.size() && option(command, words.get(index - 1)).filter(OptionCompletion::takesValue).isPresent()) {
            return List.of();
        }
        List<CompletionProposal> proposals = new ArrayList<>();
        Optional<CommandOption> positional = positional(command, words, index);
        if (!current.startsWith("-")) {
            positional.ifPresent(option -> proposals.addAll(option.getCompletion() == null ? List.of()
                    : option.getCompletion().apply(context.commandOption(option))));
        }
        if (current.isEmpty() || current.startsWith("-")) {
            Set<String> given = new HashSet<>();
            if (positional.isEmpty()) {
                // its words were typed without its name (describe nation): naming it again would give it twice
                firstPositional(command).filter(option -> option.getArityMax() <= 1 && typedWithoutName(command, words, index))
                        .ifPresent(option -> Arrays.stream(option.getLongNames()).forEach(name -> given.add("--" + name)));
            }
            for (int i = 0; i < words.size(); i++) {
                if (i != index) {
                    given.add(words.get(i));
                }
            }
            command.getOptions().stream()
                    .flatMap(option -> Arrays.stream(option.getLongNames()))
                    .map(name -> "--" + name)
                    .filter(name -> !name.equals("--help"))
                    .filter(name -> name.startsWith(current))
                    .filter(name -> !given.contains(name) || BenchboxShell.REPEATABLE.contains(name))
                    .map(name -> new CompletionProposal(name).category("options"))
                    .forEach(proposals::add);
        }
        return proposals;
    }

    /**
     * The option a word at {@code index} fills when typed without its name: the first positional option, or the one
     * before it when that takes more values; none once the positional option was given by name.
     */
    static Optional<CommandOption> positional(CommandRegistration command, List<String> words, int index) {
        Optional<CommandOption> first = firstPositional(command);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        int free = freeWords(command, first.get(), words, index);
        int most = first.get().getArityMax() <= 0 ? 1 : first.get().getArityMax();
        return free >= 0 && free < most ? first : Optional.empty();
    }

    private static Optional<CommandOption> firstPositional(CommandRegistration command) {
        return command.getOptions().stream()
                .filter(option -> option.getPosition() >= 0 && takesValue(option))
                .min(Comparator.comparingInt(CommandOption::getPosition));
    }

    private static boolean typedWithoutName(CommandRegistration command, List<String> words, int index) {
        return firstPositional(command).map(first -> freeWords(command, first, words, index) > 0).orElse(false);
    }

    /** How many words before {@code index} no option name claims; -1 when {@code first} was given by its name. */
    private static int freeWords(CommandRegistration command, CommandOption first, List<String> words, int index) {
        int free = 0;
        for (int i = 0; i < index && i < words.size(); i++) {
            Optional<CommandOption> named = option(command, words.get(i));
            if (named.isPresent()) {
                if (named.get() == first) {
                    return -1;
                }
                if (takesValue(named.get())) {
                    i++;
                    // an option taking several values takes the words up to the next option name
                    while (named.get().getArityMax() > 1 && i + 1 < index && !words.get(i + 1).startsWith("--")) {
                        i++;
                    }
                }
            } else {
                free++;
            }
        }
        return free;
    }

    /** The command's option {@code word} names ({@code --name}), if it is one. */
    static Optional<CommandOption> option(CommandRegistration command, String word) {
        if (!word.startsWith("--")) {
            return Optional.empty();
        }
        String name = word.substring(2);
        return command.getOptions().stream().filter(option -> Arrays.asList(option.getLongNames()).contains(name)).findFirst();
    }

    static boolean takesValue(CommandOption option) {
        Class<?> type = option.getType() == null ? null : option.getType().resolve();
        return type != boolean.class && type != Boolean.class;
    }
}
