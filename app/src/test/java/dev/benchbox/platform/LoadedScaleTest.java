package dev.benchbox.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadedScaleTest {
    private static final List<String> TABLES = List.of("nation", "region", "lineitem");

    private static Optional<Double> of(Map<String, String> recorded) {
        return LoadedScale.agreedBy(TABLES, table -> Optional.ofNullable(recorded.get(table))).map(dev.benchbox.dataset.Scale::value);
    }

    @Test
    void aScaleOnlyWhenEveryTableRecordsTheSameOne() {
        assertThat(of(Map.of("nation", "1.0", "region", "1", "lineitem", " 1.0"))).contains(1.0);
        assertThat(of(Map.of("nation", "0.1", "region", "0.1", "lineitem", "0.1"))).contains(0.1);
    }

    @Test
    void noScaleForAMissingTableAMixOrAnUnreadableRecord() {
        assertThat(of(Map.of("nation", "1", "region", "1"))).isEmpty();
        assertThat(of(Map.of("nation", "1", "region", "1", "lineitem", "10"))).isEmpty();
        assertThat(of(Map.of("nation", "1", "region", "1", "lineitem", "ten"))).isEmpty();
        assertThat(LoadedScale.agreedBy(List.of(), table -> Optional.of("1"))).isEmpty();
    }
}
