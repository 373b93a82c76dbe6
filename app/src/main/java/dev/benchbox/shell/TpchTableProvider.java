package dev.benchbox.shell;

import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.Benchmarks;
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
        // After 'load tpcds' the TPC-DS tables, after any other benchmark's name its tables, otherwise the first benchmark's.
        Benchmark benchmark = Benchmarks.all().stream()
                .filter(b -> context.getWords().stream().anyMatch(b.name()::equalsIgnoreCase))
                .findFirst().orElse(Benchmarks.all().get(0));
        Set<String> names = new LinkedHashSet<>(benchmark.tables());
        names.addAll(cache.tables());
        return TableNameProvider.completeListItem(context, names);
    }
}
