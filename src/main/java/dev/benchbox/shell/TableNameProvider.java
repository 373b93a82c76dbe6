package dev.benchbox.shell;

import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/** Completes table names from {@link TableNameCache}. */
@Component
public class TableNameProvider implements ValueProvider {
    private final TableNameCache cache;

    public TableNameProvider(TableNameCache cache) {
        this.cache = cache;
    }

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        // a comma-separated list (--tables a,b) completes its last element
        int comma = prefix.lastIndexOf(',');
        String head = comma < 0 ? "" : prefix.substring(0, comma + 1);
        String last = prefix.substring(comma + 1);
        return cache.tables().stream()
                .filter(table -> table.startsWith(last))
                .map(table -> new CompletionProposal(head + table))
                .toList();
    }
}
