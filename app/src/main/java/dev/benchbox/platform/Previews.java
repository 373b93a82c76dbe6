package dev.benchbox.platform;

import java.nio.file.Path;

/** A platform whose requests can be previewed: written to files instead of sent ({@code --dry-run DIR}). */
public interface Previews {
    /**
     * The same connection previewed: every request goes to a file in {@code directory}, none is sent.
     * The directory must be new or empty unless {@code replace} is given, which empties it first.
     */
    Platform preview(Path directory, boolean replace);
}
