package dev.benchbox.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, in words: the JDK's file-system exceptions carry only the path as their message
 * ({@code AccessDeniedException: afile}), so a message built from it said the path twice and dropped the reason.
 */
public final class IoReasons {
    private IoReasons() {
    }

    /** {@code permission denied (/x/y)}, {@code Read-only file system (/x/y)}, or the exception's own message. */
    public static String of(IOException e) {
        String where = e instanceof FileSystemException fs && fs.getFile() != null ? " (" + fs.getFile()
                + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ")" : "";
        return reason(e, where);
    }

    /** As {@link #of}, without the path: for a caller that names the place itself. */
    public static String reason(IOException e) {
        return reason(e, "");
    }

    private static String reason(IOException e, String where) {
        if (e instanceof AccessDeniedException) {
            return "permission denied" + where;
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory" + where;
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is already there" + where;
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory" + where;
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + where;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
