package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Java qgen against the parameter logs of the TPC's C qgen (see the fixtures' README for how they were made). */
class QgenTest {
    private static final Pattern NAME = Pattern.compile("r(\\d+)-p(\\d+)-s([0-9.]+)\\.tsv");

    static Stream<Path> logs() throws IOException, URISyntaxException {
        Path directory = Path.of(QgenTest.class.getResource("/tpch/reference/qgen").toURI());
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void parametersAndStreamOrderEqualTheCQgens(Path log) throws IOException {
        Matcher name = NAME.matcher(log.getFileName().toString());
        assertThat(name.matches()).isTrue();
        long seed = Long.parseLong(name.group(1));
        int stream = Integer.parseInt(name.group(2));
        double scale = Double.parseDouble(name.group(3));
        Qgen qgen = new Qgen(seed, scale);

        List<Integer> order = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            List<String> fields = Arrays.asList(line.split("\t"));
            int query = Integer.parseInt(fields.get(0));
            order.add(query);
            assertThat(qgen.parameters(query)).as("Q%d", query).isEqualTo(fields.subList(1, fields.size()));
        }
        assertThat(order).isEqualTo(Qgen.streamOrder(stream));
    }

    @Test
    void streamZeroAndOneStartAsAppendixAHasThem() {
        assertThat(Qgen.streamOrder(0).subList(0, 6)).containsExactly(14, 2, 9, 20, 6, 17);
        assertThat(Qgen.streamOrder(1).subList(0, 6)).containsExactly(21, 3, 18, 5, 11, 7);
        assertThat(Qgen.streamOrder(41)).isEqualTo(Qgen.streamOrder(0));
        for (int stream = 0; stream < 41; stream++) {
            assertThat(Qgen.streamOrder(stream)).as("stream %d", stream).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, 22).boxed().toList());
        }
    }

    @Test
    void refusesSeedsOutsideTheGeneratorsRange() {
        assertThatThrownBy(() -> new Qgen(0, 1)).hasMessage("seed must be 1 to 2147483646, got 0");
        assertThatThrownBy(() -> new Qgen(Qgen.MAX_SEED + 1, 1)).hasMessageStartingWith("seed must be 1 to");
    }

    /** Seed 1, stream 0 at SF 1: qgen draws Q14 DATE = 1993-04-01 and Q6 DATE = 1993-01-01, DISCOUNT = 0.07, QUANTITY = 25. */
    @Test
    void aStreamsQueriesCarryItsParametersInItsOrder() {
        List<TpchQuery> stream = TpchQueries.stream(new Qgen(1, 1), 0);

        assertThat(stream).extracting(TpchQuery::number).isEqualTo(Qgen.streamOrder(0));
        assertThat(stream.get(0).sql()).contains("l_shipdate >= date '1993-04-01'").contains("l_shipdate < date '1993-05-01'");
        TpchQuery q6 = stream.get(4);
        assertThat(q6.number()).isEqualTo(6);
        assertThat(q6.sql()).contains("l_shipdate >= date '1993-01-01'").contains("l_shipdate < date '1994-01-01'")
                .contains("l_discount between 0.06 and 0.08").contains("l_quantity < 25").doesNotContain("{{");
    }
}
