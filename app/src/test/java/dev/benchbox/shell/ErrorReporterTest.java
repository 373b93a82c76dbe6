package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.BenchboxException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {
    @Test
    void benchboxExceptionIsShownAsItIs() {
        assertThat(ErrorReporter.message(new BenchboxException("unknown table 'x' in schema 'main'")))
                .isEqualTo("unknown table 'x' in schema 'main'");
    }

    @Test
    void aMessageQuotingAUrlPasswordOrASecretSettingShowsNeither() {
        // e.g. a service's answer that echoes what it was sent
        assertThat(ErrorReporter.message(new IllegalStateException("rejected --conf spark.hadoop.fs.s3a.secret.key=wJalrXUtnFEMI "
                + "from http://user:pass@localhost:4566")))
                .isEqualTo("internal error: IllegalStateException: rejected --conf spark.hadoop.fs.s3a.secret.key=*********(redacted) "
                        + "from http://user:***@localhost:4566 (run with --debug for details)");
    }

    @Test
    void illegalArgumentIsShownAsItIs() {
        assertThat(ErrorReporter.message(new IllegalArgumentException("unknown format 'xml': expected one of table, csv")))
                .isEqualTo("unknown format 'xml': expected one of table, csv");
    }

    @Test
    void missingFileNamesTheFile() {
        assertThat(ErrorReporter.message(new NoSuchFileException("/data/region.tbl")))
                .isEqualTo("no such file: /data/region.tbl");
    }

    @Test
    void unreadableFileSaysPermissionDenied() {
        assertThat(ErrorReporter.message(new AccessDeniedException("/data/region.tbl")))
                .isEqualTo("cannot read /data/region.tbl: permission denied");
    }

    @Test
    void wrappedFailuresAreUnwrapped() {
        assertThat(ErrorReporter.message(new UncheckedIOException(new NoSuchFileException("/data/a.csv"))))
                .isEqualTo("no such file: /data/a.csv");
        assertThat(ErrorReporter.message(new ExecutionException(new BenchboxException("load cancelled"))))
                .isEqualTo("load cancelled");
    }

    @Test
    void unexpectedExceptionIsAnInternalErrorPointingToDebug() {
        assertThat(ErrorReporter.message(new IllegalStateException("boom")))
                .isEqualTo("internal error: IllegalStateException: boom (run with --debug for details)");
        assertThat(ErrorReporter.message(new NullPointerException()))
                .isEqualTo("internal error: NullPointerException (run with --debug for details)");
    }

    @Test
    void multiLineMessageIsCutToItsFirstLine() {
        assertThat(ErrorReporter.message(new BenchboxException("Parser Error: syntax error\n\nLINE 1: SELECT")))
                .isEqualTo("Parser Error: syntax error");
        assertThat(ErrorReporter.message(new IllegalArgumentException("first\r\nsecond")))
                .isEqualTo("first");
    }

    @Test
    void interruptionSaysInterrupted() {
        assertThat(ErrorReporter.message(new InterruptedException())).isEqualTo("interrupted");
    }

    @Test
    void emptyMessageStillSaysSomething() {
        assertThat(ErrorReporter.message(new BenchboxException(""))).isEqualTo("failed");
    }
}
