package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.standin.IamPolicyEvaluator;
import dev.benchbox.standin.IamPolicyEvaluator.Permission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policies follow the scope: every database and source used, sessions and created applications only when used. */
class IamPolicyTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/EmrJobs";
    private static final String GLUE = "arn:aws:glue:eu-west-1:111122223333:";
    private static final String APPS = "arn:aws:emr-serverless:eu-west-1:111122223333:/applications/";

    private static IamPolicy.Scope scope(List<S3Location> sources, String applicationId, boolean creates, boolean sessions) {
        return new IamPolicy.Scope(S3Location.parse("s3://my-bucket/bench/", "s3_staging_dir"), List.of("benchbox", "tpch"), sources,
                "eu-west-1", "111122223333", "aws", ROLE, applicationId, creates, sessions);
    }

    @Test
    void theRoleCommitsGlueTablesOnlyWhenJobRunsWriteIcebergTables() {
        IamPolicy.Scope parquet = scope(List.of(), "00abc", false, false);
        IamPolicy.Scope iceberg = new IamPolicy.Scope(parquet.staging(), parquet.databases(), parquet.sources(), parquet.region(),
                parquet.accountId(), parquet.partition(), parquet.executionRoleArn(), parquet.applicationId(), false, false, true);

        assertThat(IamPolicy.executionRolePolicy(parquet)).doesNotContain("glue:UpdateTable").doesNotContain("glue:CreateTable");
        assertThat(IamPolicy.executionRolePolicy(iceberg)).contains("\"Sid\" : \"GlueIcebergCommits\"")
                .contains("\"glue:CreateTable\", \"glue:UpdateTable\"")
                .contains("\"" + GLUE + "table/tpch/*\"").doesNotContain("glue:DeleteTable");
    }

    @Test
    void theRoleReadsEveryDatabaseAndSourceUsedAndNothingElse() {
        S3Location source = S3Location.parse("s3://shared-data/tpch/sf1/", "--from");
        S3Location inside = S3Location.parse("s3://my-bucket/bench/data/tpch/sf1/", "--from");
        IamPolicyEvaluator role = IamPolicyEvaluator.parse(IamPolicy.executionRolePolicy(scope(List.of(source, inside), "00app", false, false)));
        for (String db : List.of("benchbox", "tpch")) {
            assertThat(role.allows(new Permission("glue:GetTable", GLUE + "table/" + db + "/orders"))).as(db).isTrue();
            assertThat(role.allows(new Permission("glue:GetDatabase", GLUE + "database/" + db))).as(db).isTrue();
        }
        assertThat(role.allows(new Permission("glue:GetDatabase", GLUE + "database/default"))).isTrue();
        assertThat(role.allows(new Permission("glue:GetTable", GLUE + "table/other/orders"))).isFalse();
        assertThat(role.allows(new Permission("glue:CreateTable", GLUE + "table/tpch/orders"))).isFalse();
        assertThat(role.allows(new Permission("s3:GetObject", "arn:aws:s3:::shared-data/tpch/sf1/orders/part-1.parquet"))).isTrue();
        assertThat(role.allows(new Permission("s3:PutObject", "arn:aws:s3:::shared-data/tpch/sf1/orders/part-1.parquet"))).isFalse();
        assertThat(role.allows(new Permission("s3:ListBucket", "arn:aws:s3:::shared-data", Map.of("s3:prefix", "tpch/sf1/orders/")))).isTrue();
        assertThat(role.allows(new Permission("s3:ListBucket", "arn:aws:s3:::shared-data", Map.of("s3:prefix", "private/")))).isFalse();
        assertThat(role.allows(new Permission("s3:ListBucket", "arn:aws:s3:::my-bucket", Map.of("s3:prefix", "bench/data/")))).isTrue();
        assertThat(role.allows(new Permission("s3:ListBucket", "arn:aws:s3:::my-bucket"))).isFalse();
        // a source under the staging prefix needs no statement of its own
        assertThat(IamPolicy.executionRolePolicy(scope(List.of(inside), "00app", false, false))).doesNotContain("Source");
    }

    @Test
    void theCallerGetsSessionsAndApplicationCreationOnlyWhenUsed() {
        IamPolicyEvaluator brought = IamPolicyEvaluator.parse(IamPolicy.callerPolicy(scope(List.of(), "00app", false, false)));
        assertThat(brought.allows(new Permission("emr-serverless:StartJobRun", APPS + "00app"))).isTrue();
        assertThat(brought.allows(new Permission("emr-serverless:GetJobRun", APPS + "00app/jobruns/00run"))).isTrue();
        assertThat(brought.allows(new Permission("emr-serverless:StartJobRun", APPS + "00other"))).isFalse();
        assertThat(brought.allows(new Permission("emr-serverless:DeleteApplication", APPS + "00app"))).isFalse();
        assertThat(brought.allows(new Permission("emr-serverless:CreateApplication", "*", Map.of("aws:RequestTag/created-by", "benchbox"))))
                .isFalse();
        assertThat(brought.allows(new Permission("emr-serverless:StartSession", APPS + "00app"))).isFalse();
        assertThat(brought.allows(new Permission("iam:PassRole", ROLE, Map.of("iam:PassedToService", "emr-serverless.amazonaws.com")))).isTrue();
        assertThat(brought.allows(new Permission("iam:PassRole", ROLE, Map.of("iam:PassedToService", "ec2.amazonaws.com")))).isFalse();

        IamPolicyEvaluator creating = IamPolicyEvaluator.parse(IamPolicy.callerPolicy(scope(List.of(), "00app", true, true)));
        assertThat(creating.allows(new Permission("emr-serverless:CreateApplication", "*", Map.of("aws:RequestTag/created-by", "benchbox"))))
                .isTrue();
        assertThat(creating.allows(new Permission("emr-serverless:CreateApplication", "*"))).as("untagged").isFalse();
        assertThat(creating.allows(new Permission("emr-serverless:DeleteApplication", APPS + "00sweep"))).isTrue();
        assertThat(creating.allows(new Permission("emr-serverless:GetSessionEndpoint", APPS + "00app/sessions/00s"))).isTrue();
        for (String db : List.of("benchbox", "tpch")) {
            assertThat(creating.allows(new Permission("glue:CreateTable", GLUE + "table/" + db + "/orders"))).as(db).isTrue();
        }
        assertThat(creating.allows(new Permission("glue:CreateTable", GLUE + "table/other/orders"))).isFalse();
        assertThat(creating.allows(new Permission("glue:GetDatabases", GLUE + "database/other"))).isTrue();
        assertThat(creating.allows(new Permission("glue:GetDatabase", GLUE + "database/other"))).isFalse();
    }
}
