package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.script.BbxParser;
import dev.benchbox.script.ScriptLine;
import dev.benchbox.shell.BenchboxShell.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Replays a {@code .bbx} script line by line through the shell's own command execution, stopping at
 * the first failing line with {@code FILE:LINE: message}, or going on and counting failures. A script that
 * runs itself, directly or through others, is refused, and so is nesting deeper than {@link #MAX_DEPTH}.
 */
@Component
public class ScriptRunner {
    private final ObjectProvider<BenchboxShell> shell;
    private final Parser lineParser;
    private final ErrorReporter errorReporter;
    private final EnvironmentVariables environment;
    private final SignalCancellation signals;
    /**
     * The scripts being replayed, outermost first: a {@code script} line runs its script inside the one replaying it,
     * on the same thread, so this stack is the chain of scripts that led to the current line.
     */
    private final Deque<Running> running = new ArrayDeque<>();

    /** Deeper than anyone nests scripts on purpose, far shallower than the thread's stack allows. */
    static final int MAX_DEPTH = 16;

    /** A script as it was named, and the file that name leads to. */
    private record Running(Path file, Path real) {
    }

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
        Running script = new Running(file, realPath(file));
        refuseNesting(script);
        running.addLast(script);
        try {
            return replay(file, continueOnError);
        } finally {
            running.removeLast();
        }
    }

    /** A script that is already running would run again and again until the stack overflows. */
    private void refuseNesting(Running script) {
        List<Running> chain = List.copyOf(running);
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).real().equals(script.real())) {
                throw new BenchboxException("script " + script.file() + " runs itself (" + names(chain.subList(i, chain.size()), script) + ")");
            }
        }
        if (chain.size() >= MAX_DEPTH) {
            throw new BenchboxException("script " + script.file() + " would be nested more than " + MAX_DEPTH
                    + " scripts deep, the limit (" + names(chain, script) + ")");
        }
    }

    private static String names(List<Running> chain, Running last) {
        return Stream.concat(chain.stream(), Stream.of(last)).map(r -> r.file().toString()).collect(Collectors.joining(" -> "));
    }

    /** The same file under another name (a link, {@code ./}) is the same script; a missing one is reported by the parser. */
    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private Report replay(Path file, boolean continueOnError) {
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
