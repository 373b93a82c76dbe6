package dev.benchbox.results.print;

import static dev.benchbox.results.print.Printing.column;
import static dev.benchbox.results.print.Printing.print;
import static dev.benchbox.results.print.Printing.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.dataset.Column;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPrinterTest {
    private static final List<Column> COLUMNS = List.of(
            column("name", "VARCHAR"), column("qty", "DECIMAL(38,18)"), column("shipdate", "DATE"),
            column("count", "BIGINT"), column("ratio", "DOUBLE"), column("ok", "BOOLEAN"));

    @Test
    void printsOneObjectPerLineWithTypedValues() {
        String json = print(OutputFormat.JSON, COLUMNS, List.of(
                row("A", new BigDecimal("380456.00"), Date.valueOf("1998-09-02"), 1478493L, 0.5, true),
                row("she said \"hi\"\nbye", new BigDecimal("12345678901234567890.123456789012345678"), null,
                        null, 1.0e10, false),
                row(null, new BigDecimal("1E+3"), Date.valueOf("1998-12-01"), 7, Double.NaN, null)));

        assertThat(json).isEqualTo("""
                [
                {"name":"A","qty":380456.00,"shipdate":"1998-09-02","count":1478493,"ratio":0.5,"ok":true},
                {"name":"she said \\"hi\\"\\nbye","qty":12345678901234567890.123456789012345678,"shipdate":null,\
                "count":null,"ratio":10000000000.0,"ok":false},
                {"name":null,"qty":1000,"shipdate":"1998-12-01","count":7,"ratio":"NaN","ok":null}
                ]
                """);
    }

    @Test
    void outputIsValidJsonAndKeepsDecimalsExact() throws Exception {
        String json = print(OutputFormat.JSON, List.of(column("x", "DECIMAL(38,18)"), column("t", "TIMESTAMP")),
                List.of(row(new BigDecimal("12345678901234567890.123456789012345678"),
                        Timestamp.valueOf("1998-09-02 10:11:12"))));

        JsonNode tree = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(json);
        assertThat(tree.get(0).get("x").decimalValue())
                .isEqualTo(new BigDecimal("12345678901234567890.123456789012345678"));
        assertThat(tree.get(0).get("t").asText()).isEqualTo("1998-09-02T10:11:12");
    }

    @Test
    void emptyResultIsAnEmptyArray() {
        assertThat(print(OutputFormat.JSON, COLUMNS, List.of())).isEqualTo("[]\n");
    }
}
