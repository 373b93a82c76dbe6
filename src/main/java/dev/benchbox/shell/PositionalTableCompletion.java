package dev.benchbox.shell;

import java.util.List;
import java.util.Set;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

/**
 * Completes a table name typed without its option name ({@code describe li<TAB>}): Spring Shell only
 * completes values that follow {@code --option}, but people type table names positionally.
 */
@Component
public class PositionalTableCompletion implements CompletionResolver {
    private static final Set<String> TABLE_COMMANDS = Set.of("describe");

    private final TableNameProvider tables;

    public PositionalTableCompletion(TableNameProvider tables) {
        this.tables = tables;
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        if (context.getCommandRegistration() == null
                || !TABLE_COMMANDS.contains(context.getCommandRegistration().getCommand())) {
            return List.of();
        }
        List<String> words = context.getWords();
        int index = context.getWordIndex();
        String current = context.currentWordUpToCursor();
        boolean afterOption = index > 0 && index - 1 < words.size() && words.get(index - 1).startsWith("--");
        if (afterOption || (current != null && current.startsWith("-"))) {
            return List.of();
        }
        return tables.complete(context);
    }
}
