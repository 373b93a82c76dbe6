package dev.benchbox.shell;

import dev.benchbox.tpch.TpchSchema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/** Completes {@code --tables} with the TPC-H tables and the tables the schema already has. */
@Component
public class TpchTableProvider implements ValueProvider {
    private final TableNameCache cache;

    public TpchTableProvider(TableNameCache cache) {
        this.cache = cache;
    }

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        int comma = prefix.lastIndexOf(',');
        String head = comma < 0 ? "" : prefix.substring(0, comma + 1);
        String last = prefix.substring(comma + 1);
        Set<String> names = new LinkedHashSet<>(TpchSchema.TABLES);
        names.addAll(cache.tables());
        return names.stream().filter(n -> n.startsWith(last)).map(n -> new CompletionProposal(head + n)).toList();
    }
}
