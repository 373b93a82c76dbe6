package dev.benchbox.platform.emr;

import dev.benchbox.dataset.Scale;
import static java.util.Objects.requireNonNull;


/**
 * Where things live under the staging prefix ({@code s3_staging_dir}):
 * <pre>
 * data/tpch/sf&lt;SF&gt;/&lt;table&gt;/part-N.parquet   generated TPC-H tables (shared by every database at that scale)
 * data/tpcds/sf&lt;SF&gt;/&lt;table&gt;/part-N.parquet  generated TPC-DS tables, the same way
 * data/files/&lt;database&gt;/&lt;table&gt;/          tables loaded from files
 * iceberg/&lt;database&gt;.db/&lt;table&gt;/          Iceberg tables (data and metadata; the Iceberg catalog's warehouse)
 * jobs/                                     the job jar, named by content hash
 * runs/&lt;run-id&gt;/                            run manifests and results
 * logs/                                     job run logs
 * </pre>
 *
 * @param root the staging prefix
 */
public record StagingLayout(S3Location root) {
    public StagingLayout {
        requireNonNull(root, "root is null");
    }

    /** A generated benchmark's data set at a scale: {@code data/<benchmark>/sf<SF>/}. */
    public S3Location generated(String benchmark, double scaleFactor) {
        return root.resolve("data/" + benchmark + "/sf" + Scale.of(scaleFactor).text() + "/");
    }

    public S3Location generatedTable(String benchmark, double scaleFactor, String table) {
        return generated(benchmark, scaleFactor).resolve(table + "/");
    }

    public S3Location fileTable(String database, String table) {
        return root.resolve("data/files/" + database + "/" + table + "/");
    }

    public S3Location jobs() {
        return root.resolve("jobs/");
    }

    public S3Location runs(String runId) {
        return root.resolve("runs/" + runId + "/");
    }

    public S3Location logs() {
        return root.resolve("logs/");
    }
}
