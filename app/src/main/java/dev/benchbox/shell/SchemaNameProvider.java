package dev.benchbox.shell;

import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/** Completes schema names (Glue databases on EMR) from {@link TableNameCache}, never waiting on the network. */
@Component
public class SchemaNameProvider implements ValueProvider {
    private final TableNameCache cache;

    public SchemaNameProvider(TableNameCache cache) {
        this.cache = cache;
    }

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        return cache.schemas().stream().filter(name -> name.startsWith(prefix)).map(CompletionProposal::new).toList();
    }
}
