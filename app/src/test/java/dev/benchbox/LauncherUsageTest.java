package dev.benchbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LauncherUsageTest {
    @Test
    void helpAndShortHAmongTheLauncherOptionsAskForTheUsage() {
        assertThat(LauncherUsage.requested(new String[] {"--help"})).isTrue();
        assertThat(LauncherUsage.requested(new String[] {"-h"})).isTrue();
        assertThat(LauncherUsage.requested(new String[] {"--debug", "--path", "tpch.duckdb", "--help"})).isTrue();
    }

    @Test
    void helpAfterTheCommandOrAsAnOptionValueBelongsToTheCommand() {
        assertThat(LauncherUsage.requested(new String[] {})).isFalse();
        assertThat(LauncherUsage.requested(new String[] {"help"})).isFalse();
        assertThat(LauncherUsage.requested(new String[] {"query", "--help"})).isFalse();
        assertThat(LauncherUsage.requested(new String[] {"query", "SELECT 1", "-h"})).isFalse();
        assertThat(LauncherUsage.requested(new String[] {"--script", "-h"})).isFalse();
    }

    @Test
    void theOptionsThatTakeAValueAreThoseTheUsageGivesOne() {
        assertThat(LauncherUsage.VALUE_OPTIONS).containsExactlyInAnyOrder("--path", "--script");
        assertThat(LauncherUsage.requested(new String[] {"--path", "--help"})).isFalse();
        assertThat(LauncherUsage.requested(new String[] {"--continue-on-error", "--help"})).isTrue();
    }

    @Test
    void printsTheUsageAsItIs() {
        StringWriter out = new StringWriter();
        LauncherUsage.print(new PrintWriter(out));
        assertThat(out.toString()).startsWith("Usage: benchbox [OPTIONS]                      start the interactive shell\n")
                .contains("  -h, --help             print this help and exit\n")
                .isEqualTo(LauncherUsage.TEXT);
    }
}
