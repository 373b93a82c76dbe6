package dev.benchbox.shell;

import dev.benchbox.PrivateFiles;
import dev.benchbox.Redaction;
import dev.benchbox.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JLine's history, keeping each line as {@link Redaction#text} leaves it (a secret typed in {@code --spark-conf} or an
 * endpoint's password never reaches memory's list, the history file or {@code history}), in a file only its owner
 * can read. A history file written before holds its lines redacted too, once this shell has read it.
 */
public class RedactingHistory extends DefaultHistory {
    private static final Logger log = LoggerFactory.getLogger(RedactingHistory.class);

    private Path file;

    @Override
    public void attach(LineReader reader) {
        Object name = reader.getVariable(LineReader.HISTORY_FILE);
        file = name == null ? null : name instanceof Path path ? path : Path.of(name.toString());
        if (file != null) {
            redactFile(file);
            ownerOnly(file); // after the rewrite, which makes a new file
        }
        super.attach(reader);
    }

    @Override
    public void save() throws IOException {
        if (file != null) {
            // JLine appends to the file, creating it if it went away: with the default permissions
            ownerOnly(file);
        }
        super.save();
    }

    // every line added, typed or read from the file, passes here
    @Override
    protected void internalAdd(Instant time, String line, boolean checkDuplicates) {
        super.internalAdd(time, Redaction.text(line), checkDuplicates);
    }

    // and here when JLine trims the file
    @Override
    protected EntryImpl createEntry(int index, Instant time, String line) {
        return super.createEntry(index, time, Redaction.text(line));
    }

    private static void ownerOnly(Path file) {
        try {
            PrivateFiles.ownerOnly(file);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot make the history {} readable by its owner only: {}", file, e.getMessage());
        }
    }

    /** Rewrites a history file that holds a line with a secret (written before lines were redacted), atomically. */
    private static void redactFile(Path file) {
        try {
            // a link is left as it is: replacing it would replace the link
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> redacted = lines.stream().map(Redaction::text).toList();
            if (redacted.equals(lines)) {
                return;
            }
            AtomicFiles.replace(file, out -> {
                for (String line : redacted) {
                    out.write(line);
                    out.write('\n');
                }
            });
        } catch (IOException | RuntimeException e) {
            log.warn("cannot redact the history {}: {}", file, e.getMessage());
        }
    }
}
