package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a load's bar leaves on the terminal: the last thing drawn is its final state, on a line of its own. */
class ProgressBarsTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final ProgressBars.TerminalProgress progress =
            new ProgressBars.TerminalProgress(new PrintStream(screen, true, StandardCharsets.UTF_8), 100);

    private synchronized String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBarThatReachesItsTotalEndsAtOnceAndNeverRedrawsAmongLaterLines() throws Exception {
        progress.start("Generating", 10);
        progress.advance(10);
        String drawn = screen();
        assertThat(lastDrawing(drawn)).startsWith("Generating 100%").contains("10/10").endsWith("\n");
        Thread.sleep(600); // more than two redraw intervals
        assertThat(screen()).isEqualTo(drawn);
        progress.close();
        assertThat(screen()).isEqualTo(drawn);
    }

    @Test
    void aTaskWhoseTotalWasAnEstimateEndsFullWhenDone() throws Exception {
        progress.start("Generating", 1000);
        progress.advance(990);
        progress.done();
        String drawn = screen();
        assertThat(lastDrawing(drawn)).startsWith("Generating 100%").contains("990/990").endsWith("\n");
        Thread.sleep(600);
        assertThat(screen()).isEqualTo(drawn);
    }

    @Test
    void aCancelledLoadsBarStaysWhereItStopped() {
        progress.start("Generating", 10);
        progress.advance(3);
        progress.close();
        String last = lastDrawing(screen());
        assertThat(last).startsWith("Generating  30%").contains("3/10").endsWith("\n");
        assertThat(screen()).doesNotContain("100%");
    }

    /** The bar redraws its line with a carriage return: what the user sees last is after the last one. */
    private static String lastDrawing(String drawn) {
        return drawn.substring(drawn.lastIndexOf('\r') + 1);
    }
}
