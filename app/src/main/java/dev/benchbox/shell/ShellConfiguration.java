package dev.benchbox.shell;

import dev.benchbox.session.Session;
import org.jline.reader.History;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.shell.config.ShellConversionServiceSupplier;
import org.springframework.shell.ResultHandlerService;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.exit.ExitCodeMappings;
import org.springframework.shell.jline.PromptProvider;

/** Wires our {@link BenchboxShell} and prompt into Spring Shell. */
@Configuration(proxyBeanMethods = false)
public class ShellConfiguration {

    /**
     * Spring Shell 3.4 registers its own {@code shell} bean unconditionally; ours is primary, so the
     * interactive runner and everything else that asks for a {@code Shell} gets this one.
     */
    @Bean
    @Primary
    public BenchboxShell benchboxShell(ResultHandlerService resultHandlerService, CommandCatalog commandRegistry,
            Terminal terminal, ShellContext shellContext, ExitCodeMappings exitCodeMappings, ErrorReporter errorReporter,
            ShellConversionServiceSupplier conversionService, Console console) {
        BenchboxShell shell = new BenchboxShell(resultHandlerService, commandRegistry, terminal, shellContext,
                exitCodeMappings, errorReporter, console);
        shell.setConversionService(conversionService.get());
        return shell;
    }

    /** The history Spring Shell's line reader keeps (in place of JLine's default): redacted, in a 0600 file. */
    @Bean
    public History history() {
        return new RedactingHistory();
    }

    /** {@code benchbox:duckdb/main>} when connected, {@code benchbox>} otherwise. */
    @Bean
    public PromptProvider promptProvider(Session session) {
        return () -> {
            String where = session.currentPlatform()
                    .map(platform -> ":" + platform.name() + "/" + session.schema())
                    .orElse("");
            return new AttributedString("benchbox" + where + "> ", AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
        };
    }
}
