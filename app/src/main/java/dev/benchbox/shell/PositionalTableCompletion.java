package dev.benchbox.shell;

import java.util.List;
import java.util.Set;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

/**
 * Completes a table or schema name typed without its option name ({@code describe li<TAB>},
 * {@code use sa<TAB>}): Spring Shell only completes values that follow {@code --option}, but people type
 * these names positionally.
 */
@Component
public class PositionalTableCompletion implements CompletionResolver {
    private static final Set<String> TABLE_COMMANDS = Set.of("describe");
    private static final Set<String> SCHEMA_COMMANDS = Set.of("use");

    private final TableNameProvider tables;
    private final SchemaNameProvider schemas;

    public PositionalTableCompletion(TableNameProvider tables, SchemaNameProvider schemas) {
        this.tables = tables;
        this.schemas = schemas;
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        if (context.getCommandRegistration() == null) {
            return List.of();
        }
        String command = context.getCommandRegistration().getCommand();
        if (!TABLE_COMMANDS.contains(command) && !SCHEMA_COMMANDS.contains(command)) {
            return List.of();
        }
        List<String> words = context.getWords();
        int index = context.getWordIndex();
        String current = context.currentWordUpToCursor();
        boolean afterOption = index > 0 && index - 1 < words.size() && words.get(index - 1).startsWith("--");
        if (afterOption || (current != null && current.startsWith("-"))) {
            return List.of();
        }
        return TABLE_COMMANDS.contains(command) ? tables.complete(context) : schemas.complete(context);
    }
}
