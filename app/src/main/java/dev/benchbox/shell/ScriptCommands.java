package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import java.nio.file.Path;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code script FILE}: replays a {@code .bbx} file inside the shell. */
@ShellComponent
public class ScriptCommands {
    private final ScriptRunner scripts;

    public ScriptCommands(ScriptRunner scripts) {
        this.scripts = scripts;
    }

    @ShellMethod(key = "script", value = "Replay a .bbx file: one command per line; stops at the first failing line.", group = "Session")
    public String script(
            @ShellOption(value = "--file", valueProvider = PathCompletion.ScriptFile.class, help = "the .bbx file") String file,
            @ShellOption(value = "--continue-on-error", defaultValue = "false", help = "go on after a failing line") boolean continueOnError) {
        ScriptRunner.Report report = scripts.run(Path.of(file), continueOnError);
        if (!report.succeeded()) {
            // the failing lines were reported already; this one line says how many and marks the command as failed
            throw new BenchboxException(report.summary());
        }
        return file + ": " + report.executed() + " commands";
    }
}
