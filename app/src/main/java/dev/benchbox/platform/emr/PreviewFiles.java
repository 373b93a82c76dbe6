package dev.benchbox.platform.emr;

/** Where a preview's readable files go (each Glue table as Spark DDL); a live connection writes none. */
@FunctionalInterface
interface PreviewFiles {
    PreviewFiles NONE = (relative, content) -> { };

    /** Writes a file at a path relative to the preview's directory. */
    void write(String relative, String content);
}
