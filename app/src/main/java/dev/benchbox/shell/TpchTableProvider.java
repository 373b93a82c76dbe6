package dev.benchbox.shell;

import dev.benchbox.tpch.TpchSchema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/** Completes {@code --tables} with the TPC-H (or, after {@code tpcds}, TPC-DS) tables and the tables the schema already has. */
@Component
public class TpchTableProvider implements ValueProvider {
    private final TableNameCache cache;

    public TpchTableProvider(TableNameCache cache) {
        this.cache = cache;
    }

    @Override
    public List<CompletionProposal> complete(CompletionContext context) {
        // After 'load tpcds' the TPC-DS tables, otherwise the TPC-H ones.
        boolean tpcds = context.getWords().stream().anyMatch("tpcds"::equalsIgnoreCase);
        Set<String> names = new LinkedHashSet<>(tpcds ? dev.benchbox.tpcds.TpcdsSchema.TABLES : TpchSchema.TABLES);
        names.addAll(cache.tables());
        return TableNameProvider.completeListItem(context, names);
    }
}
