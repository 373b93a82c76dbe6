package dev.benchbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String R = "*********(redacted)";

    @Nested
    class SettingsFollowSparksDefaultRule {
        @Test
        void keysSparksDocsAndTestsCallSecretAreRedacted() {
            assertThat(Redaction.value("spark.hadoop.fs.s3a.secret.key", "wJalrXUtnFEMI")).isEqualTo(R);
            assertThat(Redaction.value("spark.hadoop.fs.s3a.access.key", "AKIAIOSFODNN7")).isEqualTo(R);
            assertThat(Redaction.value("spark.hadoop.fs.s3a.accessKey", "AKIAIOSFODNN7")).isEqualTo(R);
            assertThat(Redaction.value("fs.s3a.accessKey", "AKIAIOSFODNN7")).isEqualTo(R);
            assertThat(Redaction.value("spark.authenticate.secret", "s")).isEqualTo(R);
            assertThat(Redaction.value("spark.ssl.keyStorePassword", "p")).isEqualTo(R);
            assertThat(Redaction.value("spark.jdbc.PASSWORD", "p")).isEqualTo(R);
            assertThat(Redaction.value("spark.hadoop.fs.s3a.session.token", "t")).isEqualTo(R);
        }

        @Test
        void aValueThatLooksSecretIsRedactedUnderAnyKeyAsSparkDoes() {
            assertThat(Redaction.value("spark.some.setting", "my-token-123")).isEqualTo(R);
        }

        @Test
        void benignSettingsAreKept() {
            assertThat(Redaction.value("spark.sql.shuffle.partitions", "400")).isEqualTo("400");
            assertThat(Redaction.value("spark.hadoop.hive.metastore.client.factory.class",
                    "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"))
                    .isEqualTo("com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory");
        }

        @Test
        void aMapKeepsItsOrderAndRedactsOnlyTheSecrets() {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("spark.executor.cores", "4");
            settings.put("spark.hadoop.fs.s3a.secret.key", "wJalrXUtnFEMI");
            settings.put("spark.sql.shuffle.partitions", "400");
            assertThat(Redaction.settings(settings)).containsExactly(Map.entry("spark.executor.cores", "4"),
                    Map.entry("spark.hadoop.fs.s3a.secret.key", R), Map.entry("spark.sql.shuffle.partitions", "400"));
        }
    }

    @Nested
    class Urls {
        @Test
        void aPasswordIsMaskedAndTheUserKept() {
            assertThat(Redaction.url(URI.create("http://user:pass@127.0.0.1:4566/path"))).hasToString("http://user:***@127.0.0.1:4566/path");
        }

        @Test
        void aLoneUserNameIsMaskedItIsOftenAToken() {
            assertThat(Redaction.url(URI.create("https://ghp_abc@example.com"))).hasToString("https://***@example.com");
        }

        @Test
        void aUrlWithoutCredentialsIsTheSame() {
            URI plain = URI.create("http://127.0.0.1:4566");
            assertThat(Redaction.url(plain)).isSameAs(plain);
            assertThat(Redaction.text("cannot reach http://127.0.0.1:9: connection refused")).isEqualTo("cannot reach http://127.0.0.1:9: connection refused");
        }
    }

    @Nested
    class TypedLines {
        @Test
        void secretSparkConfPairsPlatformOptionsAndUrlPasswordsAreRedacted() {
            assertThat(Redaction.text("run tpch --scale 1 --spark-conf spark.hadoop.fs.s3a.secret.key=wJalrXUtnFEMI "
                    + "--spark-conf spark.sql.shuffle.partitions=400"))
                    .isEqualTo("run tpch --scale 1 --spark-conf spark.hadoop.fs.s3a.secret.key=" + R
                            + " --spark-conf spark.sql.shuffle.partitions=400");
            assertThat(Redaction.text("connect emr-serverless --endpoint-url http://user:pass@localhost:4566 --platform-option "
                    + "endpoint_url=https://u:p@h/ --region us-east-1"))
                    .isEqualTo("connect emr-serverless --endpoint-url http://user:***@localhost:4566 --platform-option "
                            + "endpoint_url=https://u:***@h/ --region us-east-1");
        }

        @Test
        void anOptionNamedLikeASecretLosesItsValueQuotedOrNot() {
            assertThat(Redaction.text("login --password hunter2 --user me")).isEqualTo("login --password " + R + " --user me");
            assertThat(Redaction.text("login --api-token='a b' --user me")).isEqualTo("login --api-token=" + R + " --user me");
            assertThat(Redaction.text("x \"spark.a.password=a\" y")).isEqualTo("x \"spark.a.password=" + R + "\" y");
        }

        @Test
        void redactingTwiceChangesNothingAndPlainLinesAreKept() {
            String once = Redaction.text("connect emr --spark-conf spark.authenticate.secret=s --endpoint-url http://a:b@h");
            assertThat(Redaction.text(once)).isEqualTo(once);
            String plain = "query \"SELECT * FROM lineitem WHERE l_quantity=24\" --format json";
            assertThat(Redaction.text(plain)).isEqualTo(plain);
        }
    }
}
