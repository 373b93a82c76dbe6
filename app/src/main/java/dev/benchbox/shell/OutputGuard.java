package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.files.AtomicFiles;
import dev.benchbox.platform.Platform;
import dev.benchbox.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Decides, before a command does any work, whether it may write the file named by its {@code --output}: never
 * over one of the command's own inputs or the open database (compared as files, so another name for the same
 * file counts); over any other file already there only with {@code --force} or, interactively, when the user says
 * yes. A one-shot command or script cannot be asked and is refused in one line.
 */
@Component
public class OutputGuard {
    private final Session session;
    private final Questions questions;

    public OutputGuard(Session session, Questions questions) {
        this.session = session;
        this.questions = questions;
    }

    /**
     * @param inputs files the command reads
     * @return whether a file already at {@code output} may be replaced; false when the name is free, which the
     *     writer then claims (so a file appearing meanwhile is not replaced either)
     * @throws BenchboxException when the output must not or may not be written
     */
    public boolean mayReplace(Path output, List<Path> inputs, boolean force) {
        if (Files.isDirectory(output)) {
            throw new BenchboxException("cannot write " + output + ": it is a directory");
        }
        for (Path input : inputs) {
            if (sameFile(output, input)) {
                throw new BenchboxException("cannot write " + output + ": it is an input of this command; give another --output");
            }
        }
        List<Path> database = session.currentPlatform().map(Platform::localFiles).orElse(List.of());
        for (Path file : database) {
            if (sameFile(output, file)) {
                throw new BenchboxException("cannot write " + output + ": it is the open database; give another --output");
            }
        }
        if (!AtomicFiles.taken(output)) {
            return false;
        }
        if (force) {
            return true;
        }
        if (!questions.canAsk()) {
            throw new BenchboxException(output + " already exists: give another --output, or add --force to replace it");
        }
        if (!questions.ask(output + " already exists. Replace it? [y/N] ")) {
            throw new BenchboxException("kept " + output + ": nothing was written");
        }
        return true;
    }

    /** Whether both name one file, through links and other spellings; a name that does not exist is no file. */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
