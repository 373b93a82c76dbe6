package dev.benchbox.tpch;

import io.trino.tpch.Distributions;
import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import io.trino.tpch.Order;
import io.trino.tpch.OrderGenerator;
import io.trino.tpch.TextPool;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The refresh data of {@code dbgen -s SF -U N}: update set N's new orders with their line items (RF1) and the order
 * keys to delete (RF2), in dbgen's text format, row for row.
 *
 * <p>dbgen's rules: a set holds {@code (orders at the scale / 10000) × 10} orders (integer division, so SF 1 gives
 * 1500 and SF 0.01 gives 10, where the specification's SF × 1500 would say 15); their rows continue the order
 * generator's random streams after the base data (set N after sets 1 … N−1), and their keys are the sparse keys of
 * rows {@code (N−1) × count + 1 …} with the update bit set; RF2 of set N deletes the base orders of those same rows.
 * io.trino.tpch (dbgen in Java) generates the rows; its generators can start at any row only through a private
 * constructor, reached by reflection (the library is pinned; the fixture tests catch a change).
 */
public final class TpchRefreshData {
    private static final long ORDERS_PER_SF = 1_500_000L;

    private final double scaleFactor;

    /**
     * @param scaleFactor a scale dbgen and io.trino.tpch generate alike: below 1 with at most 3 decimals, or a
     *                    whole number
     */
    public TpchRefreshData(double scaleFactor) {
        boolean fractional = scaleFactor < 1 && Math.abs(scaleFactor * 1000 - Math.rint(scaleFactor * 1000)) < 1e-9;
        boolean whole = scaleFactor >= 1 && scaleFactor == Math.rint(scaleFactor);
        if (!(scaleFactor > 0) || !(fractional || whole) || ordersPerSet(scaleFactor) == 0) {
            throw new IllegalArgumentException("refresh data needs a whole scale factor, or one below 1 that makes "
                    + "at least one refresh order (0.001 or more, 3 decimals at most), as dbgen -U; got "
                    + new BigDecimal(Double.toString(scaleFactor)).stripTrailingZeros().toPlainString());
        }
        this.scaleFactor = scaleFactor;
    }

    /** The orders base data holds at this scale (dbgen's ORDER rows). */
    static long baseOrders(double scaleFactor) {
        return scaleFactor < 1 ? (long) (int) (1000 * scaleFactor + 1e-9) * ORDERS_PER_SF / 1000
                : ORDERS_PER_SF * (long) scaleFactor;
    }

    /** Orders per update set: dbgen's {@code base / 10000 × scale × UPD_PCT}, with its integer division. */
    public static long ordersPerSet(double scaleFactor) {
        long base = scaleFactor < 1 ? baseOrders(scaleFactor) : ORDERS_PER_SF;
        long scale = scaleFactor < 1 ? 1 : (long) scaleFactor;
        return base / 10_000 * scale * 10;
    }

    public long ordersPerSet() {
        return ordersPerSet(scaleFactor);
    }

    /** Update set {@code set} (1, 2, …), as dbgen's {@code orders.tbl.uN}, {@code lineitem.tbl.uN}, {@code delete.N}. */
    public RefreshSet set(int set) {
        if (set < 1) {
            throw new IllegalArgumentException("update sets are numbered from 1, got " + set);
        }
        long count = ordersPerSet();
        long firstRow = (long) (set - 1) * count + 1;
        long randomStart = baseOrders(scaleFactor) + (firstRow - 1);
        List<String> orders = new ArrayList<>();
        for (Iterator<Order> it = iterator(new OrderGenerator(scaleFactor, 1, 1), randomStart, count); it.hasNext();) {
            Order order = it.next();
            orders.add(withKey(order.toLine(), updateKey(order.getRowNumber() - randomStart + firstRow - 1, set)));
        }
        List<String> lineItems = new ArrayList<>();
        for (Iterator<LineItem> it = iterator(new LineItemGenerator(scaleFactor, 1, 1), randomStart, count); it.hasNext();) {
            LineItem item = it.next();
            // A line item's row number is its order's (io.trino.tpch numbers line items by order).
            lineItems.add(withKey(item.toLine(), updateKey(item.getRowNumber() - randomStart + firstRow - 1, set)));
        }
        List<Long> deletes = new ArrayList<>();
        for (long row = firstRow; row < firstRow + count; row++) {
            deletes.add(sparseKey(row, 0));
        }
        return new RefreshSet(set, orders, lineItems, deletes);
    }

    /**
     * The base data's first {@code sets × ordersPerSet} orders with their line items, as loaded: the rows the
     * refresh functions of sets 1 … {@code sets} delete, to put back after a run. Delete keys are not listed.
     */
    public RefreshSet deletedBaseRows(int sets) {
        long count = sets * ordersPerSet();
        List<String> orders = new ArrayList<>();
        iterator(new OrderGenerator(scaleFactor, 1, 1), 0, count).forEachRemaining(order -> orders.add(order.toLine()));
        List<String> lineItems = new ArrayList<>();
        iterator(new LineItemGenerator(scaleFactor, 1, 1), 0, count).forEachRemaining(item -> lineItems.add(item.toLine()));
        return new RefreshSet(0, orders, lineItems, List.of());
    }

    /** dbgen's key of update set {@code set}'s row: the update bit (1 for sets 1–999) among the sparse bits. */
    private static long updateKey(long row, int set) {
        return sparseKey(row, 1 + set / 1000);
    }

    /** mk_sparse: keep the low 3 bits, insert 2 bits holding {@code seq} above them. */
    static long sparseKey(long row, long seq) {
        long lowBits = row & 7;
        return (((row >> 3) << 2) + seq << 3) + lowBits;
    }

    private static String withKey(String line, long key) {
        return key + line.substring(line.indexOf('|'));
    }

    @SuppressWarnings("unchecked")
    private static <T> Iterator<T> iterator(Iterable<T> generator, long startIndex, long rowCount) {
        try {
            Class<?> type = generator.getClass();
            Object distributions = field(type, "distributions").get(generator);
            Object textPool = field(type, "textPool").get(generator);
            double scale = field(type, "scaleFactor").getDouble(generator);
            Class<?> iteratorType = Class.forName(type.getName() + "$" + type.getSimpleName() + "Iterator");
            Constructor<?> constructor = iteratorType.getDeclaredConstructor(Distributions.class, TextPool.class,
                    double.class, long.class, long.class);
            constructor.setAccessible(true);
            return (Iterator<T>) constructor.newInstance(distributions, textPool, scale, startIndex, rowCount);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot position io.trino.tpch's generator at row " + startIndex, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /**
     * One update set as dbgen writes it.
     *
     * @param number      the set's number, 1 …
     * @param orders      lines of {@code orders.tbl.uN} (fields separated and ended by {@code |})
     * @param lineItems   lines of {@code lineitem.tbl.uN}
     * @param deletedKeys the order keys of {@code delete.N}
     */
    public record RefreshSet(int number, List<String> orders, List<String> lineItems, List<Long> deletedKeys) {
        public RefreshSet {
            orders = List.copyOf(orders);
            lineItems = List.copyOf(lineItems);
            deletedKeys = List.copyOf(deletedKeys);
        }
    }
}
