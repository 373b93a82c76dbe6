package dev.benchbox.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.shell.boot.TerminalCustomizer;

/** A dumb, in-memory terminal whose output tests read back. */
@TestConfiguration(proxyBeanMethods = false)
public class ShellTestSupport {
    public static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();

    @Bean
    TerminalCustomizer inMemoryTerminal() {
        return builder -> builder.system(false)
                .type(Terminal.TYPE_DUMB)
                .encoding(StandardCharsets.UTF_8)
                .streams(new ByteArrayInputStream(new byte[0]), OUTPUT);
    }

    /** Output written since the last call. */
    public static synchronized String takeOutput(Terminal terminal) {
        terminal.writer().flush();
        terminal.flush();
        String text = OUTPUT.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        OUTPUT.reset();
        return text;
    }
}
