package dev.benchbox.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalTypeTest {

    @Test
    void readsDecimalTypesInAnyCaseAndSpacing() {
        assertThat(DecimalType.parse("decimal(15,2)")).contains(new DecimalType(15, 2));
        assertThat(DecimalType.parse(" DECIMAL(7, 2) ")).contains(new DecimalType(7, 2));
        assertThat(DecimalType.parse("Decimal(38,18)")).contains(new DecimalType(38, 18));
        assertThat(new DecimalType(15, 2)).hasToString("decimal(15,2)");
    }

    @Test
    void otherTypesAreNotDecimals() {
        assertThat(DecimalType.parse("bigint")).isEmpty();
        assertThat(DecimalType.parse("decimal")).isEmpty();
        assertThat(DecimalType.parse("decimal(15)")).isEmpty();
        assertThat(DecimalType.parse("decimal(2,5)")).isEmpty();
        assertThat(DecimalType.parse("decimal(99999999999,2)")).isEmpty();
    }
}
