package dev.benchbox.tpcds;

import static io.trino.tpcds.generator.CatalogReturnsGeneratorColumn.*;
import static io.trino.tpcds.generator.CatalogSalesGeneratorColumn.*;
import static io.trino.tpcds.generator.InventoryGeneratorColumn.*;
import static io.trino.tpcds.generator.StoreReturnsGeneratorColumn.*;
import static io.trino.tpcds.generator.StoreSalesGeneratorColumn.*;
import static io.trino.tpcds.generator.WebReturnsGeneratorColumn.*;
import static io.trino.tpcds.generator.WebSalesGeneratorColumn.*;

import io.trino.tpcds.Parallel;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpcds.column.ColumnType;
import io.trino.tpcds.generator.GeneratorColumn;
import io.trino.tpcds.row.CatalogReturnsRow;
import io.trino.tpcds.row.CatalogSalesRow;
import io.trino.tpcds.row.InventoryRow;
import io.trino.tpcds.row.StoreReturnsRow;
import io.trino.tpcds.row.StoreSalesRow;
import io.trino.tpcds.row.TableRow;
import io.trino.tpcds.row.TableRowWithNulls;
import io.trino.tpcds.row.WebReturnsRow;
import io.trino.tpcds.row.WebSalesRow;
import io.trino.tpcds.row.generator.RowGenerator;
import io.trino.tpcds.row.generator.RowGeneratorResult;
import io.trino.tpcds.type.Decimal;
import io.trino.tpcds.type.Pricing;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationTargetException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * io.trino.tpcds's rows as objects, and the fact tables' values read from those objects' fields instead of from
 * {@code TableRow.getValues()}. {@code getValues()} formats every decimal with {@code String.format} (most of the
 * generator's time) only for the loader to parse the text back into the unscaled value it came from; here the
 * unscaled {@code long} is read directly. Each reader below mirrors its row class's {@code getValues()} line by line
 * (io.trino.tpcds 1.4: the same fields, the same NULL rules: a key is NULL when its bit in the row's null bitmap is
 * set or it is -1, any other value when its bit is set), so a table read here holds exactly what the text path holds
 * (checked row by row against the text in {@code TpcdsTypedRowsTest} and end to end in {@code TpcdsArrowExactnessTest}).
 * The fields {@code getValues()} reads without a public getter are read through {@link VarHandle}s: the library is
 * pinned, and a field renamed in another version fails here, at class initialisation, not in the data.
 * The dimension tables keep the text path: they are a small share of the rows and have no decimal-heavy columns.
 */
public final class TpcdsTypedRows {
    private TpcdsTypedRows() {
    }

    /** Where a typed row's values go: {@code column} is the column's position in the table. */
    public interface Sink {
        void setNull(int column);

        /** An IDENTIFIER column. */
        void setLong(int column, long value);

        /** An INTEGER column. */
        void setInt(int column, int value);

        /** A DECIMAL column, as its unscaled value at the column's declared scale. */
        void setDecimal(int column, long unscaled);
    }

    /** Reads one table's rows into a sink. Not thread-safe: one per thread. */
    public interface Reader {
        void read(TableRow row, Sink sink);
    }

    /** A typed reader of {@code table}'s rows; empty for the tables that keep the text path ({@code getValues()}). */
    public static Optional<Reader> reader(Table table) {
        return Optional.ofNullable(switch (table) {
            case STORE_SALES -> new Values(table, TpcdsTypedRows::storeSales);
            case STORE_RETURNS -> new Values(table, TpcdsTypedRows::storeReturns);
            case CATALOG_SALES -> new Values(table, TpcdsTypedRows::catalogSales);
            case CATALOG_RETURNS -> new Values(table, TpcdsTypedRows::catalogReturns);
            case WEB_SALES -> new Values(table, TpcdsTypedRows::webSales);
            case WEB_RETURNS -> new Values(table, TpcdsTypedRows::webReturns);
            case INVENTORY -> new Values(table, TpcdsTypedRows::inventory);
            default -> null;
        });
    }

    /**
     * The generator's rows for {@code session}'s chunk, as {@code Results.constructResults(table, session)} makes them
     * but without calling {@code getValues()}: each element is one generator step's rows, the first being
     * {@code table}'s and any after it the sale's returns (the same steps, in the same order, as the library's
     * {@code Results} iterator, whose row-number and seed bookkeeping this repeats).
     */
    public static Iterator<List<TableRow>> rows(Table table, Session session) {
        Parallel.ChunkBoundaries chunk = Parallel.splitWork(table, session);
        return rows(table, chunk.getFirstRow(), chunk.getLastRow(), session);
    }

    /**
     * The generator's rows numbered {@code firstRow} to {@code lastRow} (the generator's row numbers: a sales table's
     * are its orders), as {@code Results.constructResults(table, firstRow, lastRow, session)} makes them.
     */
    public static Iterator<List<TableRow>> rows(Table table, long firstRow, long lastRow, Session session) {
        return new RowIterator(table, firstRow, lastRow, session);
    }

    private static final class RowIterator implements Iterator<List<TableRow>> {
        private final long endingRowNumber;
        private final Session session;
        private final RowGenerator rowGenerator;
        private final RowGenerator parentRowGenerator;
        private final RowGenerator childRowGenerator;
        private long rowNumber;
        private List<TableRow> next;

        RowIterator(Table table, long startingRowNumber, long endingRowNumber, Session session) {
            this.rowNumber = startingRowNumber;
            this.endingRowNumber = endingRowNumber;
            this.session = session;
            this.rowGenerator = generator(table);
            this.parentRowGenerator = table.isChild() ? generator(table.getParent()) : null;
            this.childRowGenerator = table.hasChild() ? generator(table.getChild()) : null;
            for (RowGenerator generator : new RowGenerator[] {rowGenerator, parentRowGenerator, childRowGenerator}) {
                if (generator != null) {
                    generator.skipRowsUntilStartingRowNumber(startingRowNumber);
                }
            }
        }

        private static RowGenerator generator(Table table) {
            try {
                return table.getRowGeneratorClass().getDeclaredConstructor().newInstance();
            } catch (NoSuchMethodException | InstantiationException | InvocationTargetException | IllegalAccessException e) {
                throw new IllegalStateException("cannot make io.trino.tpcds's generator of " + table.getName(), e);
            }
        }

        @Override
        public boolean hasNext() {
            // a step that makes no rows (an order's line items with no sale) still ends its row, as in Results
            while (next == null && rowNumber <= endingRowNumber) {
                RowGeneratorResult result = rowGenerator.generateRowAndChildRows(rowNumber, session, parentRowGenerator,
                        childRowGenerator);
                if (result.shouldEndRow()) {
                    for (RowGenerator generator : new RowGenerator[] {rowGenerator, parentRowGenerator, childRowGenerator}) {
                        if (generator != null) {
                            generator.consumeRemainingSeedsForRow();
                        }
                    }
                    rowNumber++;
                }
                if (!result.getRowAndChildRows().isEmpty()) {
                    next = result.getRowAndChildRows();
                }
            }
            return next != null;
        }

        @Override
        public List<TableRow> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<TableRow> rows = next;
            next = null;
            return rows;
        }
    }

    /** One table's column mapping: its row class's {@code getValues()}, value by value. */
    private interface Mapping {
        void map(TableRow row, Values values);
    }

    /** Reads a row's null bitmap and hands its values to the sink in column order, applying getValues()'s NULL rules. */
    private static final class Values implements Reader {
        private static final VarHandle NULL_BIT_MAP = field(TableRowWithNulls.class, "nullBitMap", long.class);
        private static final VarHandle FIRST_COLUMN = field(TableRowWithNulls.class, "firstColumn", GeneratorColumn.class);

        private final String table;
        private final Mapping mapping;
        private final int[] scales;
        private Sink sink;
        private long nullBitMap;
        private int firstColumn;
        private int column;

        Values(Table table, Mapping mapping) {
            this.table = table.getName();
            this.mapping = mapping;
            Column[] columns = table.getColumns();
            this.scales = new int[columns.length];
            for (int i = 0; i < columns.length; i++) {
                ColumnType type = columns[i].getType();
                scales[i] = type.getBase() == ColumnType.Base.DECIMAL ? type.getScale().orElseThrow() : -1;
            }
        }

        @Override
        public void read(TableRow row, Sink sink) {
            TableRowWithNulls withNulls = (TableRowWithNulls) row;
            this.sink = sink;
            this.nullBitMap = (long) NULL_BIT_MAP.get(withNulls);
            this.firstColumn = ((GeneratorColumn) FIRST_COLUMN.get(withNulls)).getGlobalColumnNumber();
            this.column = 0;
            mapping.map(row, this);
            if (column != scales.length) {
                throw new IllegalStateException(table + ": read " + column + " values of " + scales.length + " columns");
            }
        }

        /** TableRowWithNulls.isNull, the same expression. */
        private boolean isNull(GeneratorColumn generatorColumn) {
            long kBitMask = 1L << (generatorColumn.getGlobalColumnNumber() - firstColumn);
            return (nullBitMap & kBitMask) != 0;
        }

        /** getStringOrNullForKey: NULL when the bit is set or the key is -1. */
        void key(long value, GeneratorColumn generatorColumn) {
            if (isNull(generatorColumn) || value == -1) {
                sink.setNull(column++);
            } else {
                sink.setLong(column++, value);
            }
        }

        /** getStringOrNull of a long. */
        void value(long value, GeneratorColumn generatorColumn) {
            if (isNull(generatorColumn)) {
                sink.setNull(column++);
            } else {
                sink.setLong(column++, value);
            }
        }

        /** getStringOrNull of an int. */
        void value(int value, GeneratorColumn generatorColumn) {
            if (isNull(generatorColumn)) {
                sink.setNull(column++);
            } else {
                sink.setInt(column++, value);
            }
        }

        /**
         * getStringOrNull of a Decimal: its text is its unscaled number with {@code getPrecision()} decimals (the
         * library's "precision" is the scale), so the column's unscaled value is that number times the power of ten
         * the column's scale adds.
         */
        void value(Decimal value, GeneratorColumn generatorColumn) {
            if (isNull(generatorColumn)) {
                sink.setNull(column++);
                return;
            }
            int scale = scales[column];
            int decimals = value.getPrecision();
            if (scale < 0 || decimals > scale) {
                throw new IllegalStateException(table + ": column " + (column + 1) + " is not a decimal of scale "
                        + decimals + " or more");
            }
            long unscaled = value.getNumber();
            for (int d = decimals; d < scale; d++) {
                unscaled = Math.multiplyExact(unscaled, 10);
            }
            sink.setDecimal(column++, unscaled);
        }
    }

    private static VarHandle field(Class<?> owner, String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("io.trino.tpcds's " + owner.getSimpleName() + " has no readable field " + name
                    + ": the typed TPC-DS rows expect version 1.4", e);
        }
    }

    private static VarHandle key(Class<?> owner, String name) {
        return field(owner, name, long.class);
    }

    // The fields getValues() reads, per row class (those with a public getter included, to read all alike).

    private static final class Ss {
        static final VarHandle SOLD_DATE_SK = key(StoreSalesRow.class, "ssSoldDateSk");
        static final VarHandle SOLD_TIME_SK = key(StoreSalesRow.class, "ssSoldTimeSk");
        static final VarHandle SOLD_ITEM_SK = key(StoreSalesRow.class, "ssSoldItemSk");
        static final VarHandle SOLD_CUSTOMER_SK = key(StoreSalesRow.class, "ssSoldCustomerSk");
        static final VarHandle SOLD_CDEMO_SK = key(StoreSalesRow.class, "ssSoldCdemoSk");
        static final VarHandle SOLD_HDEMO_SK = key(StoreSalesRow.class, "ssSoldHdemoSk");
        static final VarHandle SOLD_ADDR_SK = key(StoreSalesRow.class, "ssSoldAddrSk");
        static final VarHandle SOLD_STORE_SK = key(StoreSalesRow.class, "ssSoldStoreSk");
        static final VarHandle SOLD_PROMO_SK = key(StoreSalesRow.class, "ssSoldPromoSk");
        static final VarHandle TICKET_NUMBER = key(StoreSalesRow.class, "ssTicketNumber");
    }

    private static void storeSales(TableRow row, Values v) {
        StoreSalesRow r = (StoreSalesRow) row;
        Pricing p = r.getSsPricing();
        v.key((long) Ss.SOLD_DATE_SK.get(r), SS_SOLD_DATE_SK);
        v.key((long) Ss.SOLD_TIME_SK.get(r), SS_SOLD_TIME_SK);
        v.key((long) Ss.SOLD_ITEM_SK.get(r), SS_SOLD_ITEM_SK);
        v.key((long) Ss.SOLD_CUSTOMER_SK.get(r), SS_SOLD_CUSTOMER_SK);
        v.key((long) Ss.SOLD_CDEMO_SK.get(r), SS_SOLD_CDEMO_SK);
        v.key((long) Ss.SOLD_HDEMO_SK.get(r), SS_SOLD_HDEMO_SK);
        v.key((long) Ss.SOLD_ADDR_SK.get(r), SS_SOLD_ADDR_SK);
        v.key((long) Ss.SOLD_STORE_SK.get(r), SS_SOLD_STORE_SK);
        v.key((long) Ss.SOLD_PROMO_SK.get(r), SS_SOLD_PROMO_SK);
        v.key((long) Ss.TICKET_NUMBER.get(r), SS_TICKET_NUMBER);
        v.value(p.getQuantity(), SS_PRICING_QUANTITY);
        v.value(p.getWholesaleCost(), SS_PRICING_WHOLESALE_COST);
        v.value(p.getListPrice(), SS_PRICING_LIST_PRICE);
        v.value(p.getSalesPrice(), SS_PRICING_SALES_PRICE);
        v.value(p.getCouponAmount(), SS_PRICING_COUPON_AMT); // ss_ext_discount_amt: the coupon amount, as the library has it
        v.value(p.getExtSalesPrice(), SS_PRICING_EXT_SALES_PRICE);
        v.value(p.getExtWholesaleCost(), SS_PRICING_EXT_WHOLESALE_COST);
        v.value(p.getExtListPrice(), SS_PRICING_EXT_LIST_PRICE);
        v.value(p.getExtTax(), SS_PRICING_EXT_TAX);
        v.value(p.getCouponAmount(), SS_PRICING_COUPON_AMT);
        v.value(p.getNetPaid(), SS_PRICING_NET_PAID);
        v.value(p.getNetPaidIncludingTax(), SS_PRICING_NET_PAID_INC_TAX);
        v.value(p.getNetProfit(), SS_PRICING_NET_PROFIT);
    }

    private static final class Sr {
        static final VarHandle RETURNED_DATE_SK = key(StoreReturnsRow.class, "srReturnedDateSk");
        static final VarHandle RETURNED_TIME_SK = key(StoreReturnsRow.class, "srReturnedTimeSk");
        static final VarHandle ITEM_SK = key(StoreReturnsRow.class, "srItemSk");
        static final VarHandle CUSTOMER_SK = key(StoreReturnsRow.class, "srCustomerSk");
        static final VarHandle CDEMO_SK = key(StoreReturnsRow.class, "srCdemoSk");
        static final VarHandle HDEMO_SK = key(StoreReturnsRow.class, "srHdemoSk");
        static final VarHandle ADDR_SK = key(StoreReturnsRow.class, "srAddrSk");
        static final VarHandle STORE_SK = key(StoreReturnsRow.class, "srStoreSk");
        static final VarHandle REASON_SK = key(StoreReturnsRow.class, "srReasonSk");
        static final VarHandle TICKET_NUMBER = key(StoreReturnsRow.class, "srTicketNumber");
        static final VarHandle PRICING = field(StoreReturnsRow.class, "srPricing", Pricing.class);
    }

    private static void storeReturns(TableRow row, Values v) {
        StoreReturnsRow r = (StoreReturnsRow) row;
        Pricing p = (Pricing) Sr.PRICING.get(r);
        v.key((long) Sr.RETURNED_DATE_SK.get(r), SR_RETURNED_DATE_SK);
        v.key((long) Sr.RETURNED_TIME_SK.get(r), SR_RETURNED_TIME_SK);
        v.key((long) Sr.ITEM_SK.get(r), SR_ITEM_SK);
        v.key((long) Sr.CUSTOMER_SK.get(r), SR_CUSTOMER_SK);
        v.key((long) Sr.CDEMO_SK.get(r), SR_CDEMO_SK);
        v.key((long) Sr.HDEMO_SK.get(r), SR_HDEMO_SK);
        v.key((long) Sr.ADDR_SK.get(r), SR_ADDR_SK);
        v.key((long) Sr.STORE_SK.get(r), SR_STORE_SK);
        v.key((long) Sr.REASON_SK.get(r), SR_REASON_SK);
        v.key((long) Sr.TICKET_NUMBER.get(r), SR_TICKET_NUMBER);
        v.value(p.getQuantity(), SR_PRICING_QUANTITY);
        v.value(p.getNetPaid(), SR_PRICING_NET_PAID);
        v.value(p.getExtTax(), SR_PRICING_EXT_TAX);
        v.value(p.getNetPaidIncludingTax(), SR_PRICING_NET_PAID_INC_TAX);
        v.value(p.getFee(), SR_PRICING_FEE);
        v.value(p.getExtShipCost(), SR_PRICING_EXT_SHIP_COST);
        v.value(p.getRefundedCash(), SR_PRICING_REFUNDED_CASH);
        v.value(p.getReversedCharge(), SR_PRICING_REVERSED_CHARGE);
        v.value(p.getStoreCredit(), SR_PRICING_STORE_CREDIT);
        v.value(p.getNetLoss(), SR_PRICING_NET_LOSS);
    }

    private static final class Cs {
        static final VarHandle SOLD_DATE_SK = key(CatalogSalesRow.class, "csSoldDateSk");
        static final VarHandle SOLD_TIME_SK = key(CatalogSalesRow.class, "csSoldTimeSk");
        static final VarHandle SHIP_DATE_SK = key(CatalogSalesRow.class, "csShipDateSk");
        static final VarHandle BILL_CUSTOMER_SK = key(CatalogSalesRow.class, "csBillCustomerSk");
        static final VarHandle BILL_CDEMO_SK = key(CatalogSalesRow.class, "csBillCdemoSk");
        static final VarHandle BILL_HDEMO_SK = key(CatalogSalesRow.class, "csBillHdemoSk");
        static final VarHandle BILL_ADDR_SK = key(CatalogSalesRow.class, "csBillAddrSk");
        static final VarHandle SHIP_CUSTOMER_SK = key(CatalogSalesRow.class, "csShipCustomerSk");
        static final VarHandle SHIP_CDEMO_SK = key(CatalogSalesRow.class, "csShipCdemoSk");
        static final VarHandle SHIP_HDEMO_SK = key(CatalogSalesRow.class, "csShipHdemoSk");
        static final VarHandle SHIP_ADDR_SK = key(CatalogSalesRow.class, "csShipAddrSk");
        static final VarHandle CALL_CENTER_SK = key(CatalogSalesRow.class, "csCallCenterSk");
        static final VarHandle CATALOG_PAGE_SK = key(CatalogSalesRow.class, "csCatalogPageSk");
        static final VarHandle SHIP_MODE_SK = key(CatalogSalesRow.class, "csShipModeSk");
        static final VarHandle WAREHOUSE_SK = key(CatalogSalesRow.class, "csWarehouseSk");
        static final VarHandle SOLD_ITEM_SK = key(CatalogSalesRow.class, "csSoldItemSk");
        static final VarHandle PROMO_SK = key(CatalogSalesRow.class, "csPromoSk");
        static final VarHandle ORDER_NUMBER = key(CatalogSalesRow.class, "csOrderNumber");
    }

    private static void catalogSales(TableRow row, Values v) {
        CatalogSalesRow r = (CatalogSalesRow) row;
        Pricing p = r.getCsPricing();
        v.key((long) Cs.SOLD_DATE_SK.get(r), CS_SOLD_DATE_SK);
        v.key((long) Cs.SOLD_TIME_SK.get(r), CS_SOLD_TIME_SK);
        v.key((long) Cs.SHIP_DATE_SK.get(r), CS_SHIP_DATE_SK);
        v.key((long) Cs.BILL_CUSTOMER_SK.get(r), CS_BILL_CUSTOMER_SK);
        v.key((long) Cs.BILL_CDEMO_SK.get(r), CS_BILL_CDEMO_SK);
        v.key((long) Cs.BILL_HDEMO_SK.get(r), CS_BILL_HDEMO_SK);
        v.key((long) Cs.BILL_ADDR_SK.get(r), CS_BILL_ADDR_SK);
        v.key((long) Cs.SHIP_CUSTOMER_SK.get(r), CS_SHIP_CUSTOMER_SK);
        v.key((long) Cs.SHIP_CDEMO_SK.get(r), CS_SHIP_CDEMO_SK);
        v.key((long) Cs.SHIP_HDEMO_SK.get(r), CS_SHIP_HDEMO_SK);
        v.key((long) Cs.SHIP_ADDR_SK.get(r), CS_SHIP_ADDR_SK);
        v.key((long) Cs.CALL_CENTER_SK.get(r), CS_CALL_CENTER_SK);
        v.key((long) Cs.CATALOG_PAGE_SK.get(r), CS_CATALOG_PAGE_SK);
        v.key((long) Cs.SHIP_MODE_SK.get(r), CS_SHIP_MODE_SK);
        v.value((long) Cs.WAREHOUSE_SK.get(r), CS_WAREHOUSE_SK); // getStringOrNull, not ...ForKey: -1 stays -1
        v.key((long) Cs.SOLD_ITEM_SK.get(r), CS_SOLD_ITEM_SK);
        v.key((long) Cs.PROMO_SK.get(r), CS_PROMO_SK);
        v.value((long) Cs.ORDER_NUMBER.get(r), CS_ORDER_NUMBER);
        v.value(p.getQuantity(), CS_PRICING_QUANTITY);
        v.value(p.getWholesaleCost(), CS_PRICING_WHOLESALE_COST);
        v.value(p.getListPrice(), CS_PRICING_LIST_PRICE);
        v.value(p.getSalesPrice(), CS_PRICING_SALES_PRICE);
        v.value(p.getExtDiscountAmount(), CS_PRICING_EXT_DISCOUNT_AMOUNT);
        v.value(p.getExtSalesPrice(), CS_PRICING_EXT_SALES_PRICE);
        v.value(p.getExtWholesaleCost(), CS_PRICING_EXT_WHOLESALE_COST);
        v.value(p.getExtListPrice(), CS_PRICING_EXT_LIST_PRICE);
        v.value(p.getExtTax(), CS_PRICING_EXT_TAX);
        v.value(p.getCouponAmount(), CS_PRICING_COUPON_AMT);
        v.value(p.getExtShipCost(), CS_PRICING_EXT_SHIP_COST);
        v.value(p.getNetPaid(), CS_PRICING_NET_PAID);
        v.value(p.getNetPaidIncludingTax(), CS_PRICING_NET_PAID_INC_TAX);
        v.value(p.getNetPaidIncludingShipping(), CS_PRICING_NET_PAID_INC_SHIP);
        v.value(p.getNetPaidIncludingShippingAndTax(), CS_PRICING_NET_PAID_INC_SHIP_TAX);
        v.value(p.getNetProfit(), CS_PRICING_NET_PROFIT);
    }

    private static final class Cr {
        static final VarHandle RETURNED_DATE_SK = key(CatalogReturnsRow.class, "crReturnedDateSk");
        static final VarHandle RETURNED_TIME_SK = key(CatalogReturnsRow.class, "crReturnedTimeSk");
        static final VarHandle ITEM_SK = key(CatalogReturnsRow.class, "crItemSk");
        static final VarHandle REFUNDED_CUSTOMER_SK = key(CatalogReturnsRow.class, "crRefundedCustomerSk");
        static final VarHandle REFUNDED_CDEMO_SK = key(CatalogReturnsRow.class, "crRefundedCdemoSk");
        static final VarHandle REFUNDED_HDEMO_SK = key(CatalogReturnsRow.class, "crRefundedHdemoSk");
        static final VarHandle REFUNDED_ADDR_SK = key(CatalogReturnsRow.class, "crRefundedAddrSk");
        static final VarHandle RETURNING_CUSTOMER_SK = key(CatalogReturnsRow.class, "crReturningCustomerSk");
        static final VarHandle RETURNING_CDEMO_SK = key(CatalogReturnsRow.class, "crReturningCdemoSk");
        static final VarHandle RETURNING_HDEMO_SK = key(CatalogReturnsRow.class, "crReturningHdemoSk");
        static final VarHandle RETURNING_ADDR_SK = key(CatalogReturnsRow.class, "crReturningAddrSk");
        static final VarHandle CALL_CENTER_SK = key(CatalogReturnsRow.class, "crCallCenterSk");
        static final VarHandle CATALOG_PAGE_SK = key(CatalogReturnsRow.class, "crCatalogPageSk");
        static final VarHandle SHIP_MODE_SK = key(CatalogReturnsRow.class, "crShipModeSk");
        static final VarHandle WAREHOUSE_SK = key(CatalogReturnsRow.class, "crWarehouseSk");
        static final VarHandle REASON_SK = key(CatalogReturnsRow.class, "crReasonSk");
        static final VarHandle ORDER_NUMBER = key(CatalogReturnsRow.class, "crOrderNumber");
        static final VarHandle PRICING = field(CatalogReturnsRow.class, "crPricing", Pricing.class);
    }

    private static void catalogReturns(TableRow row, Values v) {
        CatalogReturnsRow r = (CatalogReturnsRow) row;
        Pricing p = (Pricing) Cr.PRICING.get(r);
        v.key((long) Cr.RETURNED_DATE_SK.get(r), CR_RETURNED_DATE_SK);
        v.key((long) Cr.RETURNED_TIME_SK.get(r), CR_RETURNED_TIME_SK);
        v.key((long) Cr.ITEM_SK.get(r), CR_ITEM_SK);
        v.key((long) Cr.REFUNDED_CUSTOMER_SK.get(r), CR_REFUNDED_CUSTOMER_SK);
        v.key((long) Cr.REFUNDED_CDEMO_SK.get(r), CR_REFUNDED_CDEMO_SK);
        v.key((long) Cr.REFUNDED_HDEMO_SK.get(r), CR_REFUNDED_HDEMO_SK);
        v.key((long) Cr.REFUNDED_ADDR_SK.get(r), CR_REFUNDED_ADDR_SK);
        v.key((long) Cr.RETURNING_CUSTOMER_SK.get(r), CR_RETURNING_CUSTOMER_SK);
        v.key((long) Cr.RETURNING_CDEMO_SK.get(r), CR_RETURNING_CDEMO_SK);
        v.key((long) Cr.RETURNING_HDEMO_SK.get(r), CR_RETURNING_HDEMO_SK);
        v.key((long) Cr.RETURNING_ADDR_SK.get(r), CR_RETURNING_ADDR_SK);
        v.key((long) Cr.CALL_CENTER_SK.get(r), CR_CALL_CENTER_SK);
        v.key((long) Cr.CATALOG_PAGE_SK.get(r), CR_CATALOG_PAGE_SK);
        v.key((long) Cr.SHIP_MODE_SK.get(r), CR_SHIP_MODE_SK);
        v.key((long) Cr.WAREHOUSE_SK.get(r), CR_WAREHOUSE_SK);
        v.key((long) Cr.REASON_SK.get(r), CR_REASON_SK);
        v.value((long) Cr.ORDER_NUMBER.get(r), CR_ORDER_NUMBER); // getStringOrNull, not ...ForKey
        v.value(p.getQuantity(), CR_PRICING_QUANTITY);
        v.value(p.getNetPaid(), CR_PRICING_NET_PAID);
        v.value(p.getExtTax(), CR_PRICING_EXT_TAX);
        v.value(p.getNetPaidIncludingTax(), CR_PRICING_NET_PAID_INC_TAX);
        v.value(p.getFee(), CR_PRICING_FEE);
        v.value(p.getExtShipCost(), CR_PRICING_EXT_SHIP_COST);
        v.value(p.getRefundedCash(), CR_PRICING_REFUNDED_CASH);
        v.value(p.getReversedCharge(), CR_PRICING_REVERSED_CHARGE);
        v.value(p.getStoreCredit(), CR_PRICING_STORE_CREDIT);
        v.value(p.getNetLoss(), CR_PRICING_NET_LOSS);
    }

    private static final class Ws {
        static final VarHandle SOLD_DATE_SK = key(WebSalesRow.class, "wsSoldDateSk");
        static final VarHandle SOLD_TIME_SK = key(WebSalesRow.class, "wsSoldTimeSk");
        static final VarHandle SHIP_DATE_SK = key(WebSalesRow.class, "wsShipDateSk");
        static final VarHandle ITEM_SK = key(WebSalesRow.class, "wsItemSk");
        static final VarHandle BILL_CUSTOMER_SK = key(WebSalesRow.class, "wsBillCustomerSk");
        static final VarHandle BILL_CDEMO_SK = key(WebSalesRow.class, "wsBillCdemoSk");
        static final VarHandle BILL_HDEMO_SK = key(WebSalesRow.class, "wsBillHdemoSk");
        static final VarHandle BILL_ADDR_SK = key(WebSalesRow.class, "wsBillAddrSk");
        static final VarHandle SHIP_CUSTOMER_SK = key(WebSalesRow.class, "wsShipCustomerSk");
        static final VarHandle SHIP_CDEMO_SK = key(WebSalesRow.class, "wsShipCdemoSk");
        static final VarHandle SHIP_HDEMO_SK = key(WebSalesRow.class, "wsShipHdemoSk");
        static final VarHandle SHIP_ADDR_SK = key(WebSalesRow.class, "wsShipAddrSk");
        static final VarHandle WEB_PAGE_SK = key(WebSalesRow.class, "wsWebPageSk");
        static final VarHandle WEB_SITE_SK = key(WebSalesRow.class, "wsWebSiteSk");
        static final VarHandle SHIP_MODE_SK = key(WebSalesRow.class, "wsShipModeSk");
        static final VarHandle WAREHOUSE_SK = key(WebSalesRow.class, "wsWarehouseSk");
        static final VarHandle PROMO_SK = key(WebSalesRow.class, "wsPromoSk");
        static final VarHandle ORDER_NUMBER = key(WebSalesRow.class, "wsOrderNumber");
    }

    private static void webSales(TableRow row, Values v) {
        WebSalesRow r = (WebSalesRow) row;
        Pricing p = r.getWsPricing();
        v.key((long) Ws.SOLD_DATE_SK.get(r), WS_SOLD_DATE_SK);
        v.key((long) Ws.SOLD_TIME_SK.get(r), WS_SOLD_TIME_SK);
        v.key((long) Ws.SHIP_DATE_SK.get(r), WS_SHIP_DATE_SK);
        v.key((long) Ws.ITEM_SK.get(r), WS_ITEM_SK);
        v.key((long) Ws.BILL_CUSTOMER_SK.get(r), WS_BILL_CUSTOMER_SK);
        v.key((long) Ws.BILL_CDEMO_SK.get(r), WS_BILL_CDEMO_SK);
        v.key((long) Ws.BILL_HDEMO_SK.get(r), WS_BILL_HDEMO_SK);
        v.key((long) Ws.BILL_ADDR_SK.get(r), WS_BILL_ADDR_SK);
        v.key((long) Ws.SHIP_CUSTOMER_SK.get(r), WS_SHIP_CUSTOMER_SK);
        v.key((long) Ws.SHIP_CDEMO_SK.get(r), WS_SHIP_CDEMO_SK);
        v.key((long) Ws.SHIP_HDEMO_SK.get(r), WS_SHIP_HDEMO_SK);
        v.key((long) Ws.SHIP_ADDR_SK.get(r), WS_SHIP_ADDR_SK);
        v.key((long) Ws.WEB_PAGE_SK.get(r), WS_WEB_PAGE_SK);
        v.key((long) Ws.WEB_SITE_SK.get(r), WS_WEB_SITE_SK);
        v.key((long) Ws.SHIP_MODE_SK.get(r), WS_SHIP_MODE_SK);
        v.key((long) Ws.WAREHOUSE_SK.get(r), WS_WAREHOUSE_SK);
        v.key((long) Ws.PROMO_SK.get(r), WS_PROMO_SK);
        v.key((long) Ws.ORDER_NUMBER.get(r), WS_ORDER_NUMBER);
        v.value(p.getQuantity(), WS_PRICING_QUANTITY);
        v.value(p.getWholesaleCost(), WS_PRICING_WHOLESALE_COST);
        v.value(p.getListPrice(), WS_PRICING_LIST_PRICE);
        v.value(p.getSalesPrice(), WS_PRICING_SALES_PRICE);
        v.value(p.getExtDiscountAmount(), WS_PRICING_EXT_DISCOUNT_AMT);
        v.value(p.getExtSalesPrice(), WS_PRICING_EXT_SALES_PRICE);
        v.value(p.getExtWholesaleCost(), WS_PRICING_EXT_WHOLESALE_COST);
        v.value(p.getExtListPrice(), WS_PRICING_EXT_LIST_PRICE);
        v.value(p.getExtTax(), WS_PRICING_EXT_TAX);
        v.value(p.getCouponAmount(), WS_PRICING_COUPON_AMT);
        v.value(p.getExtShipCost(), WS_PRICING_EXT_SHIP_COST);
        v.value(p.getNetPaid(), WS_PRICING_NET_PAID);
        v.value(p.getNetPaidIncludingTax(), WS_PRICING_NET_PAID_INC_TAX);
        v.value(p.getNetPaidIncludingShipping(), WS_PRICING_NET_PAID_INC_SHIP);
        v.value(p.getNetPaidIncludingShippingAndTax(), WS_PRICING_NET_PAID_INC_SHIP_TAX);
        v.value(p.getNetProfit(), WS_PRICING_NET_PROFIT);
    }

    private static final class Wr {
        static final VarHandle RETURNED_DATE_SK = key(WebReturnsRow.class, "wrReturnedDateSk");
        static final VarHandle RETURNED_TIME_SK = key(WebReturnsRow.class, "wrReturnedTimeSk");
        static final VarHandle ITEM_SK = key(WebReturnsRow.class, "wrItemSk");
        static final VarHandle REFUNDED_CUSTOMER_SK = key(WebReturnsRow.class, "wrRefundedCustomerSk");
        static final VarHandle REFUNDED_CDEMO_SK = key(WebReturnsRow.class, "wrRefundedCdemoSk");
        static final VarHandle REFUNDED_HDEMO_SK = key(WebReturnsRow.class, "wrRefundedHdemoSk");
        static final VarHandle REFUNDED_ADDR_SK = key(WebReturnsRow.class, "wrRefundedAddrSk");
        static final VarHandle RETURNING_CUSTOMER_SK = key(WebReturnsRow.class, "wrReturningCustomerSk");
        static final VarHandle RETURNING_CDEMO_SK = key(WebReturnsRow.class, "wrReturningCdemoSk");
        static final VarHandle RETURNING_HDEMO_SK = key(WebReturnsRow.class, "wrReturningHdemoSk");
        static final VarHandle RETURNING_ADDR_SK = key(WebReturnsRow.class, "wrReturningAddrSk");
        static final VarHandle WEB_PAGE_SK = key(WebReturnsRow.class, "wrWebPageSk");
        static final VarHandle REASON_SK = key(WebReturnsRow.class, "wrReasonSk");
        static final VarHandle ORDER_NUMBER = key(WebReturnsRow.class, "wrOrderNumber");
        static final VarHandle PRICING = field(WebReturnsRow.class, "wrPricing", Pricing.class);
    }

    private static void webReturns(TableRow row, Values v) {
        WebReturnsRow r = (WebReturnsRow) row;
        Pricing p = (Pricing) Wr.PRICING.get(r);
        v.key((long) Wr.RETURNED_DATE_SK.get(r), WR_RETURNED_DATE_SK);
        v.key((long) Wr.RETURNED_TIME_SK.get(r), WR_RETURNED_TIME_SK);
        v.key((long) Wr.ITEM_SK.get(r), WR_ITEM_SK);
        v.key((long) Wr.REFUNDED_CUSTOMER_SK.get(r), WR_REFUNDED_CUSTOMER_SK);
        v.key((long) Wr.REFUNDED_CDEMO_SK.get(r), WR_REFUNDED_CDEMO_SK);
        v.key((long) Wr.REFUNDED_HDEMO_SK.get(r), WR_REFUNDED_HDEMO_SK);
        v.key((long) Wr.REFUNDED_ADDR_SK.get(r), WR_REFUNDED_ADDR_SK);
        v.key((long) Wr.RETURNING_CUSTOMER_SK.get(r), WR_RETURNING_CUSTOMER_SK);
        v.key((long) Wr.RETURNING_CDEMO_SK.get(r), WR_RETURNING_CDEMO_SK);
        v.key((long) Wr.RETURNING_HDEMO_SK.get(r), WR_RETURNING_HDEMO_SK);
        v.key((long) Wr.RETURNING_ADDR_SK.get(r), WR_RETURNING_ADDR_SK);
        v.key((long) Wr.WEB_PAGE_SK.get(r), WR_WEB_PAGE_SK);
        v.key((long) Wr.REASON_SK.get(r), WR_REASON_SK);
        v.key((long) Wr.ORDER_NUMBER.get(r), WR_ORDER_NUMBER);
        v.value(p.getQuantity(), WR_PRICING_QUANTITY);
        v.value(p.getNetPaid(), WR_PRICING_NET_PAID);
        v.value(p.getExtTax(), WR_PRICING_EXT_TAX);
        v.value(p.getNetPaidIncludingTax(), WR_PRICING_NET_PAID_INC_TAX);
        v.value(p.getFee(), WR_PRICING_FEE);
        v.value(p.getExtShipCost(), WR_PRICING_EXT_SHIP_COST);
        v.value(p.getRefundedCash(), WR_PRICING_REFUNDED_CASH);
        v.value(p.getReversedCharge(), WR_PRICING_REVERSED_CHARGE);
        v.value(p.getStoreCredit(), WR_PRICING_STORE_CREDIT);
        v.value(p.getNetLoss(), WR_PRICING_NET_LOSS);
    }

    private static final class Inv {
        static final VarHandle DATE_SK = key(InventoryRow.class, "invDateSk");
        static final VarHandle ITEM_SK = key(InventoryRow.class, "invItemSk");
        static final VarHandle WAREHOUSE_SK = key(InventoryRow.class, "invWarehouseSk");
        static final VarHandle QUANTITY_ON_HAND = field(InventoryRow.class, "invQuantityOnHand", int.class);
    }

    private static void inventory(TableRow row, Values v) {
        InventoryRow r = (InventoryRow) row;
        v.key((long) Inv.DATE_SK.get(r), INV_DATE_SK);
        v.key((long) Inv.ITEM_SK.get(r), INV_ITEM_SK);
        v.key((long) Inv.WAREHOUSE_SK.get(r), INV_WAREHOUSE_SK);
        v.value((int) Inv.QUANTITY_ON_HAND.get(r), INV_QUANTITY_ON_HAND);
    }
}
