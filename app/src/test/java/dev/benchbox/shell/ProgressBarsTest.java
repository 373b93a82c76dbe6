package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.benchbox.standin.Await;
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
    void aBarThatReachesItsTotalEndsAtOnceAndNeverRedrawsAmongLaterLines() {
        progress.start("Generating", 10);
        progress.advance(10);
        String drawn = screen();
        assertThat(lastDrawing(drawn)).startsWith("Generating 100%").contains("10/10").endsWith("\n");
        assertNotRedrawnWhileTheNextBarIsRedrawnTwice(drawn);
    }

    @Test
    void aTaskWhoseTotalWasAnEstimateEndsFullWhenDone() {
        progress.start("Generating", 1000);
        progress.advance(990);
        progress.done();
        String drawn = screen();
        assertThat(lastDrawing(drawn)).startsWith("Generating 100%").contains("990/990").endsWith("\n");
        assertNotRedrawnWhileTheNextBarIsRedrawnTwice(drawn);
    }

    /** Found trying it: an upload showed 3015113/3015113. */
    @Test
    void anUploadShowsMegabytesAndARate() {
        progress.startBytes("Uploading to S3", 3_015_113);
        progress.advance(3_015_113);
        String last = lastDrawing(screen());
        progress.startBytes("Uploading to S3", 250L * 1024 * 1024 * 1024);
        progress.advance(30L * 1024 * 1024 * 1024);
        progress.close();
        assertThat(lastDrawing(screen())).contains("30/250 GB");
        assertThat(last).startsWith("Uploading to S3 100%").containsPattern("2944/2944 KB \\(.*\\) [0-9.?]+ KB/s")
                .doesNotContain("3015113");
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

    /**
     * The redraw thread demonstrably runs twice more after the bar ended (it draws the next bar's steps, which
     * nothing else draws) and the ended bar, on the same schedule, never shows up again after {@code drawn}.
     */
    private void assertNotRedrawnWhileTheNextBarIsRedrawnTwice(String drawn) {
        progress.start("Loading", 10);
        for (int step = 1; step <= 2; step++) {
            progress.advance(1);
            String shown = step + "/10";
            try {
                Await.until("the redraw thread draws " + shown, () -> screen().substring(drawn.length()).contains(shown));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the screen after the ended bar: " + screen().substring(drawn.length()).replace("\r", "\\r"), e);
            }
        }
        assertThat(screen()).startsWith(drawn);
        assertThat(screen().substring(drawn.length())).contains("Loading").doesNotContain("Generating");
        progress.close();
    }

    /** The bar redraws its line with a carriage return: what the user sees last is after the last one. */
    private static String lastDrawing(String drawn) {
        return drawn.substring(drawn.lastIndexOf('\r') + 1);
    }
}
