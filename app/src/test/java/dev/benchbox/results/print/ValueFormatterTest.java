package dev.benchbox.results.print;

import static dev.benchbox.results.print.ValueFormatter.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ValueFormatterTest {
    @Test
    void bigDecimalIsExactAndPlain() {
        assertThat(format(new BigDecimal("12345678901234567890.123456789012345678")))
                .isEqualTo("12345678901234567890.123456789012345678");
        assertThat(format(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(format(new BigDecimal("1.5E-9"))).isEqualTo("0.0000000015");
        assertThat(format(new BigDecimal("380456.00"))).isEqualTo("380456.00");
    }

    @Test
    void doublesArePlainWhereSensible() {
        assertThat(format(123.5)).isEqualTo("123.5");
        assertThat(format(2.0)).isEqualTo("2.0");
        assertThat(format(0.0)).isEqualTo("0.0");
        assertThat(format(1.0e10)).isEqualTo("10000000000.0");
        assertThat(format(-1.2345678e7)).isEqualTo("-12345678.0");
        assertThat(format(1.0e-5)).isEqualTo("0.00001");
        assertThat(format(56586554400.73)).isEqualTo("56586554400.73");
        // Too large or too small to read in plain notation: keep the exponent.
        assertThat(format(1.0e20)).isEqualTo("1.0E20");
        assertThat(format(1.5e-9)).isEqualTo("1.5E-9");
        assertThat(format(Double.NaN)).isEqualTo("NaN");
        assertThat(format(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void floatsUseTheirOwnShortestDigits() {
        assertThat(format(0.1f)).isEqualTo("0.1");
        assertThat(format(3.0e7f)).isEqualTo("30000000.0");
    }

    @Test
    void integersAsIs() {
        assertThat(format(42)).isEqualTo("42");
        assertThat(format(-9_000_000_000L)).isEqualTo("-9000000000");
        assertThat(format(new BigInteger("170141183460469231731687303715884105727")))
                .isEqualTo("170141183460469231731687303715884105727");
    }

    @Test
    void datesAndTimesAreIso() {
        assertThat(format(java.sql.Date.valueOf("1998-09-02"))).isEqualTo("1998-09-02");
        assertThat(format(LocalDate.of(1998, 9, 2))).isEqualTo("1998-09-02");
        assertThat(format(Timestamp.valueOf("1998-09-02 10:11:12.5"))).isEqualTo("1998-09-02T10:11:12.5");
        assertThat(format(LocalDateTime.of(1998, 9, 2, 12, 0))).isEqualTo("1998-09-02T12:00:00");
        assertThat(format(LocalTime.of(8, 30))).isEqualTo("08:30:00");
        assertThat(format(java.sql.Time.valueOf("08:30:00"))).isEqualTo("08:30:00");
        assertThat(format(OffsetDateTime.of(1998, 9, 2, 12, 0, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("1998-09-02T12:00:00+02:00");
    }

    @Test
    void bytesAsHex() {
        assertThat(format(new byte[] {0x00, 0x7f, (byte) 0xca, (byte) 0xfe})).isEqualTo("007fcafe");
    }

    @Test
    void othersViaToString() {
        assertThat(format("text")).isEqualTo("text");
        assertThat(format(true)).isEqualTo("true");
    }

    @Test
    void nullIsLeftToEachFormat() {
        assertThatThrownBy(() -> format(null)).isInstanceOf(NullPointerException.class).hasMessage("value is null");
    }
}
