package dev.benchbox.results.compare;

import static dev.benchbox.results.compare.Fixtures.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseFloorTest {
    /** A run whose queries took these warm times (after a cold first iteration of 3x). */
    private static Map<String, double[]> times(double... warmQ1ThenQ2) {
        Map<String, double[]> times = new LinkedHashMap<>();
        times.put("Q1", new double[] {300, warmQ1ThenQ2[0], warmQ1ThenQ2[1], warmQ1ThenQ2[2], warmQ1ThenQ2[3]});
        times.put("Q2", new double[] {150, warmQ1ThenQ2[4], warmQ1ThenQ2[5], warmQ1ThenQ2[6], warmQ1ThenQ2[7]});
        return times;
    }

    // A: Q1 median 100, Q2 median 50; A': Q1 median 120 (20% apart), Q2 median 51 (2% apart)
    private final NamedResult a = named("a", Fixtures.measured(times(98, 99, 101, 102, 49, 50, 50, 51)));
    private final NamedResult aPrime = named("a2", Fixtures.measured(times(118, 119, 121, 122, 50, 51, 51, 52)));

    @Nested
    class Measuring {
        @Test
        void eachQuerysFloorIsHowFarApartTheSameConfigurationsMediansCameOut() {
            NoiseFloor floor = NoiseFloor.measure(List.of(a, aPrime));
            assertThat(floor.queriesPct()).containsExactly(Map.entry("Q1", 20.0), Map.entry("Q2", 2.0));
            // geometric means sqrt(100*50)=70.71 and sqrt(120*51)=78.23: 10.6% apart
            assertThat(floor.geomeanPct()).isEqualTo(10.6);
            assertThat(floor.runs()).containsExactly("a", "a2");
            assertThat(floor.benchmark()).isEqualTo("tpch");
            assertThat(floor.configuration()).isEqualTo("threads=2");
            assertThat(floor.describe("aa.json"))
                    .isEqualTo("Noise floor of 2 runs written to aa.json: 2 queries, median 11.0%, widest Q1 20.0%, geometric mean 10.6%");
        }

        @Test
        void runsOfDifferentConfigurationsAreRefusedInOneLine() {
            NamedResult session = named("s", Fixtures.timed(aPrime.result(), dev.benchbox.results.TimingMethod.SESSION, Map.of()));
            assertThatThrownBy(() -> NoiseFloor.measure(List.of(a, session))).isInstanceOf(BenchboxException.class)
                    .hasMessage("a noise floor is measured on runs of one configuration: timing "
                            + dev.benchbox.results.TimingMethod.JDBC.description() + " in a, "
                            + dev.benchbox.results.TimingMethod.SESSION.description() + " in s");
        }

        @Test
        void tooFewIterationsAreRefused() {
            NamedResult once = named("once", Fixtures.measured(Map.of("Q1", new double[] {300, 100})));
            assertThatThrownBy(() -> NoiseFloor.measure(List.of(once, a))).isInstanceOf(BenchboxException.class)
                    .hasMessage("a noise floor needs at least 3 warm samples a query: Q1 has 1 in once (run with --iterations 4 or more)");
        }
    }

    @Nested
    class Comparing {
        private final Comparer comparer = new Comparer();

        private Change change(Comparison comparison, String query) {
            return comparison.queries().stream().filter(q -> q.id().equals(query)).findFirst().orElseThrow().cells().get(1).change();
        }

        @Test
        void aSlowdownWithinWhatTheSameSetupVariesByIsNotARegression() {
            // B: Q1 15% slower with tight samples: the statistics alone call it a regression
            NamedResult b = named("b", Fixtures.measured(times(114, 115, 115, 116, 74, 75, 75, 76)));
            Comparison without = comparer.compare(List.of(a, b), 0, 10.0, 5, false, false);
            assertThat(change(without, "Q1")).isEqualTo(Change.REGRESSION);

            NoiseFloor floor = NoiseFloor.measure(List.of(a, aPrime));
            Comparison with = comparer.compare(List.of(a, b), 0, 10.0, 5, false, false, floor, "aa.json");
            assertThat(change(with, "Q1")).as("15% is within Q1's 20% floor").isEqualTo(Change.SAME);
            // Q2 50% slower is beyond its 2% floor: still caught
            assertThat(change(with, "Q2")).isEqualTo(Change.REGRESSION);
            assertThat(with.regressions()).extracting(Comparison.Regression::query).containsExactly("Q2");
            assertThat(with.noiseFloor()).isEqualTo("aa.json");
        }

        @Test
        void aFloorOfAnotherScaleIsRefused() {
            NoiseFloor floor = new NoiseFloor("tpch", 10, "duckdb v1.4.4", "threads=2", List.of("x", "y"), Map.of("Q1", 5.0), 1);
            assertThatThrownBy(() -> comparer.compare(List.of(a, aPrime), 0, 10.0, 5, false, false, floor, "aa.json"))
                    .isInstanceOf(BenchboxException.class)
                    .hasMessage("the noise floor aa.json is of tpch SF10, the runs compared are tpch SF1");
        }
    }

    @Nested
    class Files_ {
        @TempDir
        Path dir;

        @Test
        void aWrittenFloorReadsBackAsItWas() {
            NoiseFloor floor = NoiseFloor.measure(List.of(a, aPrime));
            Path file = dir.resolve("aa.json");
            NoiseFloorFile.write(floor, file, false);
            assertThat(NoiseFloorFile.read(file)).isEqualTo(floor);
        }

        @Test
        void anExistingFileIsReplacedOnlyWhenAskedAndOnlyIfItIsANoiseFloor() throws Exception {
            NoiseFloor floor = NoiseFloor.measure(List.of(a, aPrime));
            Path mine = Files.writeString(dir.resolve("notes.json"), "{\"mine\": true}");
            assertThatThrownBy(() -> NoiseFloorFile.write(floor, mine, false)).isInstanceOf(BenchboxException.class)
                    .hasMessage(mine + " already exists: add --replace to replace it");
            assertThatThrownBy(() -> NoiseFloorFile.write(floor, mine, true)).isInstanceOf(BenchboxException.class)
                    .hasMessage(mine + " is not a noise-floor file, so --replace leaves it as it is");
            assertThat(Files.readString(mine)).isEqualTo("{\"mine\": true}");

            Path earlier = dir.resolve("aa.json");
            NoiseFloorFile.write(NoiseFloor.measure(List.of(aPrime, a)), earlier, false);
            NoiseFloorFile.write(floor, earlier, true);
            assertThat(NoiseFloorFile.read(earlier).runs()).containsExactly("a", "a2");
        }

        @Test
        void badFilesAreRefusedInOneLineNamingThem() throws Exception {
            String valid = NoiseFloorFile.text(NoiseFloor.measure(List.of(a, aPrime)));
            assertThat(refusal("{not json")).isEqualTo("noise floor f.json: not JSON (line 1)");
            assertThat(refusal("[1, 2]")).isEqualTo("noise floor f.json: not a JSON object");
            assertThat(refusal("{\"kind\": \"results\"}"))
                    .isEqualTo("noise floor f.json: not a noise-floor file (write one with compare A.json B.json --write-noise-floor FILE)");
            assertThat(refusal(valid.replace("\"version\" : 1", "\"version\" : 2")))
                    .isEqualTo("noise floor f.json: version 2 is not one this shell reads (1)");
            assertThat(refusal(valid.replace("\"Q1\" : 20.0", "\"Q1\" : -3")))
                    .isEqualTo("noise floor f.json: Q1's floor is -3, not a percentage of 0 or more");
            assertThat(refusal(valid.replace("\"Q1\" : 20.0", "\"Q1\" : \"a lot\"")))
                    .isEqualTo("noise floor f.json: Q1's floor is \"a lot\", not a percentage of 0 or more");
            assertThat(refusal(valid.replace("\"benchmark\" : \"tpch\",", "")))
                    .isEqualTo("noise floor f.json: benchmark is missing");
            assertThatThrownBy(() -> NoiseFloorFile.read(dir.resolve("none.json"))).hasMessage("noise floor " + dir.resolve("none.json")
                    + ": no such file");
            assertThatThrownBy(() -> NoiseFloorFile.read(dir)).hasMessage("noise floor " + dir + ": it is a directory");
        }

        private static String refusal(String text) {
            try {
                NoiseFloorFile.parse("f.json", text);
            } catch (BenchboxException e) {
                return e.getMessage();
            }
            throw new AssertionError("accepted: " + text);
        }
    }
}
