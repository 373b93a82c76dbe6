package dev.benchbox.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScaleTest {
    @Test
    void writesScaleFactorsAsPeopleWriteThem() {
        assertThat(Scale.of(0.01).text()).isEqualTo("0.01");
        assertThat(Scale.of(1.0).text()).isEqualTo("1");
        assertThat(Scale.of(10).text()).isEqualTo("10");
        assertThat(Scale.of(100).text()).isEqualTo("100");
        assertThat(Scale.of(0.1).text()).isEqualTo("0.1");
        assertThat(Scale.of(100000).text()).isEqualTo("100000");
        assertThat(Scale.of(0.0001)).hasToString("0.0001");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void isPositiveAndFinite(double value) {
        assertThatThrownBy(() -> Scale.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a scale factor must be a positive number, not " + value);
    }
}
