package dev.benchbox.shell;

import java.util.Collection;
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
        return completeListItem(context, cache.tables());
    }

    /** Completes a name, or the last name of a comma-separated list ({@code --tables a,b}). */
    static List<CompletionProposal> completeListItem(CompletionContext context, Collection<String> names) {
        String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        int comma = prefix.lastIndexOf(',');
        String head = comma < 0 ? "" : prefix.substring(0, comma + 1);
        String last = prefix.substring(comma + 1);
        return names.stream()
                .filter(name -> name.startsWith(last))
                .map(name -> new CompletionProposal(head + name))
                .toList();
    }
}
