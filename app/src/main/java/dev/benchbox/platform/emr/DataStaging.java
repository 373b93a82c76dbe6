package dev.benchbox.platform.emr;

import dev.benchbox.platform.LoadProgress;
import java.util.List;

/** Puts a load's Parquet files where the job runs read them, and says in one line what it did. */
@FunctionalInterface
interface DataStaging {
    /** A dry run's staging: the Parquet stays on this machine; each object a real load would upload is listed. */
    static DataStaging listedIn(DryRunRecorder recorder) {
        return (batches, progress) -> {
            int objects = 0;
            for (S3Staging.Batch batch : batches) {
                for (var file : batch.files().entrySet()) {
                    recorder.upload("s3://" + batch.prefix().bucket() + "/" + batch.prefix().key(file.getKey()), file.getValue());
                    objects++;
                }
            }
            return "dry run: Parquet written locally only, nothing uploaded (" + DryRunRecorder.UPLOADS + " lists the " + objects
                    + " object" + (objects == 1 ? "" : "s") + " a real load would upload)";
        };
    }

    String upload(List<S3Staging.Batch> batches, LoadProgress progress);

    /** Uploads to S3, skipping objects already there with the same checksum. */
    static DataStaging s3(S3Staging staging) {
        return (batches, progress) -> {
            S3Staging.Report report = staging.upload(batches, progress);
            return String.format(java.util.Locale.ROOT, "S3: %d files uploaded (%.1f MB), %d already there with the same checksum "
                    + "(%.1f MB skipped), %d stale removed", report.uploaded(), report.bytesUploaded() / 1e6, report.skipped(),
                    report.bytesSkipped() / 1e6, report.deleted());
        };
    }
}
