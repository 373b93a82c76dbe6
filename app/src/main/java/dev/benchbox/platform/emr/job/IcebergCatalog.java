package dev.benchbox.platform.emr.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Apache Iceberg on EMR Serverless as AWS documents it ("Using Apache Iceberg with EMR Serverless"): the release's own
 * Iceberg runtime from its image ({@code spark.jars}), Iceberg's SQL extensions (DELETE, MERGE, the {@code system}
 * procedures) and one Spark catalog, {@value #NAME}, backed by Iceberg's Glue catalog with S3FileIO, whose warehouse
 * is the staging location's {@code iceberg/} prefix. The one place these settings are written.
 */
public final class IcebergCatalog {
    /** The Spark catalog the job reads and writes Iceberg tables through (AWS's examples call theirs {@code glue_catalog} too). */
    public static final String NAME = "glue_catalog";
    /** Where EMR's image keeps the Iceberg runtime for Spark 3 and 4 alike. */
    public static final String RUNTIME_JAR = "/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar";
    /** The value of a Glue table's {@code table_type} parameter for a table Iceberg's Glue catalog manages. */
    public static final String GLUE_TABLE_TYPE = "ICEBERG";

    private IcebergCatalog() {
    }

    /** {@code <staging>/iceberg/}: tables go to {@code <warehouse><database>.db/<table>/}, Iceberg's default layout. */
    public static String warehouse(String staging) {
        return S3Uri.parse(staging).resolve("iceberg/").toString();
    }

    /** The Spark properties that give a job run the {@value #NAME} catalog, in submission order. */
    public static Map<String, String> sparkConf(String staging) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.jars", RUNTIME_JAR);
        conf.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        conf.put("spark.sql.catalog." + NAME, "org.apache.iceberg.spark.SparkCatalog");
        conf.put("spark.sql.catalog." + NAME + ".catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
        conf.put("spark.sql.catalog." + NAME + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        conf.put("spark.sql.catalog." + NAME + ".warehouse", warehouse(staging));
        return conf;
    }
}
