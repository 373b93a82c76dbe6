package dev.benchbox.bench;

import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.StreamConnections;
import dev.benchbox.platform.StreamConnections.StreamConnection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A platform double for cross-checks: a real platform (DuckDB with the data loaded) under another name, so it is not
 * refused as DuckDB itself, that answers one query text wrongly — its first row's last value off by one — in batches and
 * on stream connections alike. Everything else is the real platform's.
 */
final class WrongAnswerPlatform {
    private WrongAnswerPlatform() {
    }

    static Platform of(Platform real, String name, Predicate<BatchQuery> wrong) {
        return (Platform) Proxy.newProxyInstance(WrongAnswerPlatform.class.getClassLoader(), new Class<?>[] {Platform.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "runBatch" -> {
                        @SuppressWarnings("unchecked")
                        List<BatchQuery> queries = (List<BatchQuery>) args[1];
                        yield real.runBatch((String) args[0], queries, (int) args[2], (int) args[3], (int) args[4],
                                corrupting(queries, (BatchListener) args[5], wrong));
                    }
                    case "streamConnections" -> real.streamConnections().map(connections -> wrapped(connections, wrong));
                    default -> invoke(real, method, args);
                });
    }

    private static StreamConnections wrapped(StreamConnections connections, Predicate<BatchQuery> wrong) {
        return schema -> {
            StreamConnection connection = connections.open(schema);
            return new StreamConnection() {
                @Override
                public List<QueryExecution> runStream(List<BatchQuery> queries, int maxRowsKept, BatchListener listener) {
                    return connection.runStream(queries, maxRowsKept, corrupting(queries, listener, wrong));
                }

                @Override
                public void runTransaction(List<String> statements) {
                    connection.runTransaction(statements);
                }

                @Override
                public void close() {
                    connection.close();
                }
            };
        };
    }

    private static BatchListener corrupting(List<BatchQuery> queries, BatchListener listener, Predicate<BatchQuery> wrong) {
        Map<String, BatchQuery> byId = new HashMap<>();
        queries.forEach(query -> byId.put(query.id(), query));
        return execution -> listener.executed(wrong.test(byId.get(execution.queryId())) && !execution.failed()
                && !execution.rows().isEmpty() ? offByOne(execution) : execution);
    }

    private static QueryExecution offByOne(QueryExecution execution) {
        List<List<Object>> rows = new ArrayList<>(execution.rows());
        List<Object> first = new ArrayList<>(rows.get(0));
        int last = first.size() - 1;
        Object value = first.get(last);
        first.set(last, value instanceof Number number ? new BigDecimal(number.toString()).add(BigDecimal.ONE) : value + "?");
        rows.set(0, first);
        return new QueryExecution(execution.queryId(), execution.iteration(), execution.warmup(), execution.elapsedNanos(),
                execution.rowCount(), execution.columns(), rows, execution.error(), execution.phases(), execution.metrics());
    }

    private static Object invoke(Platform real, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
