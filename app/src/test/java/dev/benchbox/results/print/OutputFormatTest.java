package dev.benchbox.results.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutputFormatTest {
    @Test
    void parsesNamesIgnoringCase() {
        assertThat(OutputFormat.parse("table")).isEqualTo(OutputFormat.TABLE);
        assertThat(OutputFormat.parse("CSV")).isEqualTo(OutputFormat.CSV);
        assertThat(OutputFormat.parse("Json")).isEqualTo(OutputFormat.JSON);
        assertThat(OutputFormat.parse("markDown")).isEqualTo(OutputFormat.MARKDOWN);
    }

    @Test
    void rejectsUnknownNameWithOneLineListingTheValidOnes() {
        assertThatThrownBy(() -> OutputFormat.parse("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown format 'xml': expected one of table, csv, json, markdown");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> OutputFormat.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name is null");
    }

    @Test
    void displayNameIsWhatUsersType() {
        assertThat(OutputFormat.MARKDOWN.displayName()).isEqualTo("markdown");
    }
}
