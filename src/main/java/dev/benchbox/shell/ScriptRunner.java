package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.script.BbxParser;
import dev.benchbox.script.ScriptLine;
import dev.benchbox.shell.BenchboxShell.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Replays a {@code .bbx} script line by line through the shell's own command execution, stopping at
 * the first failing line with {@code FILE:LINE: message}, or going on and counting failures.
 */
@Component
public class ScriptRunner {
    private final ObjectProvider<BenchboxShell> shell;
    private final Parser lineParser;
    private final ErrorReporter errorReporter;
    private final EnvironmentVariables environment;
    private final SignalCancellation signals;

    public ScriptRunner(ObjectProvider<BenchboxShell> shell, Parser lineParser, ErrorReporter errorReporter,
            EnvironmentVariables environment, SignalCancellation signals) {
        this.signals = signals;
        this.environment = environment;
        this.shell = shell;
        this.lineParser = lineParser;
        this.errorReporter = errorReporter;
    }

    /** What a replay did. */
    public record Report(Path file, int executed, int failed, boolean stopped) {
        public boolean succeeded() {
            return failed == 0;
        }

        /** {@code FILE: N of M lines failed}. */
        public String summary() {
            return file + ": " + failed + " of " + executed + " line" + (executed == 1 ? "" : "s") + " failed";
        }
    }

    public Report run(Path file, boolean continueOnError) {
        // ${NAME} comes from the same environment the platforms' options read
        Map<String, String> variables = environment.all();
        List<ScriptLine> lines = new BbxParser(variables::get).parse(file);
        int executed = 0;
        int failed = 0;
        for (ScriptLine line : lines) {
            // a command may clear the interrupt while it cancels; a signal stays noted
            if (Thread.currentThread().isInterrupted() || signals.received().isPresent()) {
                throw new BenchboxException(file + ": script interrupted at line " + line.number());
            }
            String prefix = file + ":" + line.number() + ": ";
            executed++;
            Throwable failure = line.malformed() ? new BenchboxException(line.error()) : execute(line.text());
            if (failure != null) {
                failed++;
                errorReporter.report(prefix + signals.prefix(), failure);
                if (!continueOnError || signals.received().isPresent()) {
                    return new Report(file, executed, failed, true);
                }
            }
        }
        // the caller says how many lines failed, once: the launcher as a note, the script command as its failure
        return new Report(file, executed, failed, false);
    }

    private Throwable execute(String text) {
        ParsedLine parsed;
        try {
            parsed = lineParser.parse(text, text.length(), Parser.ParseContext.ACCEPT_LINE);
        } catch (EOFError e) {
            return new BenchboxException("malformed line: " + describe(e));
        } catch (SyntaxError e) {
            return new BenchboxException("malformed line: " + e.getMessage());
        }
        Outcome outcome = shell.getObject().execute(parsed.words(), text);
        if (outcome.kind() == Outcome.Kind.EXIT) {
            return new BenchboxException("'exit' and 'quit' end an interactive session; a script ends at its last line");
        }
        return outcome.failure();
    }

    private static String describe(EOFError e) {
        String missing = e.getMissing();
        if ("quote".equals(missing) || "dquote".equals(missing)) {
            return "unclosed quote";
        }
        return e.getMessage() == null ? "incomplete line" : e.getMessage();
    }
}
