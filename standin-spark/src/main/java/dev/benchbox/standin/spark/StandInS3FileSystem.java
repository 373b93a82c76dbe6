package dev.benchbox.standin.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.File;
import java.io.IOException;
import java.net.URI;

/**
 * Hadoop file system for {@code s3://bucket/key} (and s3a/s3n) inside the stand-in's Spark child JVM:
 * every path maps to {@code <fs.standin.root>/<bucket>/<key>}, the file s3proxy's filesystem blob store
 * keeps that object in. Reads see what was uploaded through S3; writes appear as S3 objects. Raw (no .crc
 * files), so nothing but the job's own files shows up in the bucket.
 */
public final class StandInS3FileSystem extends RawLocalFileSystem {

    public static final String ROOT = "fs.standin.root";

    private URI uri;
    private File bucketDir;
    private Path workingDir;

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        super.initialize(name, conf);
        String root = conf.get(ROOT);
        if (root == null) {
            throw new IOException(ROOT + " is not set: the stand-in passes the blob store directory");
        }
        this.uri = URI.create(name.getScheme() + "://" + name.getAuthority());
        this.bucketDir = new File(root, name.getAuthority());
        this.workingDir = new Path(uri.toString() + "/");
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public String getScheme() {
        return uri == null ? "s3" : uri.getScheme();
    }

    @Override
    protected Path getInitialWorkingDirectory() {
        return new Path("/"); // called from the super constructor, before initialize()
    }

    @Override
    public Path getWorkingDirectory() {
        return workingDir == null ? new Path("/") : workingDir;
    }

    @Override
    public void setWorkingDirectory(Path dir) {
        workingDir = makeQualified(dir);
    }

    @Override
    public File pathToFile(Path path) {
        Path absolute = path.isAbsolute() ? path : new Path(getWorkingDirectory(), path);
        return new File(bucketDir, absolute.toUri().getPath());
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        FileStatus status = super.getFileStatus(f);
        status.setPath(makeQualified(f)); // the local path is an implementation detail: report the s3 one
        return status;
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        return getFileStatus(f);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        FileStatus status = getFileStatus(f);
        return status.isFile() ? new FileStatus[] {status} : super.listStatus(f);
    }

    @Override
    public boolean supportsSymlinks() {
        return false;
    }
}
