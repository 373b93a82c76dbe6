package dev.benchbox.log;

import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.benchbox.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log file, readable by its owner only: created 0600 before logback opens it (at start and after each rollover),
 * and an older log or rolled-over file that others could read is tightened. Rolled-over files are renamed, not
 * compressed, so they keep the 0600 of the file they were.
 */
public class PrivateRollingFileAppender<E> extends RollingFileAppender<E> {
    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName);
        try {
            PrivateFiles.ownerOnly(file);
            Path folder = file.toAbsolutePath().getParent();
            String rolledPrefix = file.getFileName() + ".";
            try (DirectoryStream<Path> rolled = Files.newDirectoryStream(folder, p -> p.getFileName().toString().startsWith(rolledPrefix))) {
                for (Path older : rolled) {
                    PrivateFiles.ownerOnly(older);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a log that cannot be tightened is still written (the file system may not allow it): say so in it
            addWarn("cannot make " + fileName + " readable by its owner only: " + e.getMessage());
        }
        super.openFile(fileName);
    }
}
