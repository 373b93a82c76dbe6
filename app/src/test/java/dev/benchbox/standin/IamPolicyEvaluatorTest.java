package dev.benchbox.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.standin.IamPolicyEvaluator.Permission;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator the iam-policy test trusts: it must refuse as IAM would, or that test proves nothing. */
class IamPolicyEvaluatorTest {
    private static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "GlueRead", "Effect": "Allow", "Action": ["glue:Get*"],
               "Resource": ["arn:aws:glue:us-east-1:111122223333:catalog", "arn:aws:glue:us-east-1:111122223333:database/tpch",
                            "arn:aws:glue:us-east-1:111122223333:table/tpch/*"]},
              {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b",
               "Condition": {"StringLike": {"s3:prefix": ["bench/", "bench/*"]}}},
              {"Sid": "ListAnywhereIfUnprefixed", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::other",
               "Condition": {"StringLikeIfExists": {"s3:prefix": "data/*"}}},
              {"Sid": "Objects", "Effect": "Allow", "Action": "s3:*Object", "Resource": "arn:aws:s3:::b/bench/*"},
              {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/bench/secret/*"}
            ]}""";

    private final IamPolicyEvaluator policy = IamPolicyEvaluator.parse(POLICY);

    @Test
    void actionWildcardsAllowOnlyOnMatchingResources() {
        assertThat(policy.allows(new Permission("glue:GetTable", "arn:aws:glue:us-east-1:111122223333:table/tpch/orders"))).isTrue();
        assertThat(policy.allows(new Permission("GLUE:gettables", "arn:aws:glue:us-east-1:111122223333:database/tpch"))).isTrue();
        // another database, another account, another region, another action: no statement matches
        assertThat(policy.allows(new Permission("glue:GetTable", "arn:aws:glue:us-east-1:111122223333:table/benchbox/orders"))).isFalse();
        assertThat(policy.allows(new Permission("glue:GetDatabase", "arn:aws:glue:us-east-1:999999999999:database/tpch"))).isFalse();
        assertThat(policy.allows(new Permission("glue:GetDatabase", "arn:aws:glue:eu-west-1:111122223333:database/tpch"))).isFalse();
        assertThat(policy.allows(new Permission("glue:CreateTable", "arn:aws:glue:us-east-1:111122223333:table/tpch/orders"))).isFalse();
        // resources are case-sensitive
        assertThat(policy.allows(new Permission("glue:GetTable", "arn:aws:glue:us-east-1:111122223333:table/TPCH/orders"))).isFalse();
    }

    @Test
    void aConditionOnAKeyTheRequestLacksIsFalseUnlessIfExists() {
        assertThat(policy.allows(new Permission("s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", "bench/data/")))).isTrue();
        assertThat(policy.allows(new Permission("s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", "elsewhere/")))).isFalse();
        // HeadBucket, or a listing without a prefix: s3:prefix is absent, StringLike on it fails
        assertThat(policy.allows(new Permission("s3:ListBucket", "arn:aws:s3:::b"))).isFalse();
        assertThat(policy.allows(new Permission("s3:ListBucket", "arn:aws:s3:::other"))).isTrue();
        assertThat(policy.allows(new Permission("s3:ListBucket", "arn:aws:s3:::other", Map.of("s3:prefix", "logs/")))).isFalse();
    }

    @Test
    void anExplicitDenyWinsAndStarsSpanSlashes() {
        assertThat(policy.allows(new Permission("s3:GetObject", "arn:aws:s3:::b/bench/data/x/part-1.parquet"))).isTrue();
        assertThat(policy.allows(new Permission("s3:PutObject", "arn:aws:s3:::b/bench/secret/key"))).isTrue();
        assertThat(policy.allows(new Permission("s3:GetObject", "arn:aws:s3:::b/bench/secret/key"))).isFalse();
        assertThat(policy.allows(new Permission("s3:GetObject", "arn:aws:s3:::b/benchmarks/x"))).isFalse();
        assertThat(policy.allows(new Permission("s3:GetObjectAcl", "arn:aws:s3:::b/bench/x"))).isFalse();
    }

    @Test
    void whatIamWouldRefuseOrWhatIsNotModelledIsRefusedWhenParsed() {
        assertThatThrownBy(() -> IamPolicyEvaluator.parse(POLICY.replace("2012-10-17", "2008-10-17")))
                .hasMessageContaining("Version");
        assertThatThrownBy(() -> IamPolicyEvaluator.parse(POLICY.replace("\"Sid\": \"List\"", "\"Sid\": \"GlueRead\"")))
                .hasMessageContaining("not unique");
        assertThatThrownBy(() -> IamPolicyEvaluator.parse(POLICY.replace("arn:aws:s3:::b/bench/*", "b/bench/*")))
                .hasMessageContaining("not an ARN");
        assertThatThrownBy(() -> IamPolicyEvaluator.parse(POLICY.replace("StringLikeIfExists", "NumericLessThan")))
                .hasMessageContaining("not modelled");
        assertThatThrownBy(() -> IamPolicyEvaluator.parse(POLICY.replace("\"Action\": \"s3:ListBucket\"", "\"NotAction\": \"s3:ListBucket\"")))
                .hasMessageContaining("NotAction");
    }

    @Test
    void recordedRequestsNeedWhatAwsAuthorises() {
        RequiredPermissions required = new RequiredPermissions("aws", "us-east-1", "111122223333");
        ObjectNode getTable = JsonNodeFactory.instance.objectNode().put("DatabaseName", "tpch").put("Name", "orders");
        assertThat(required.caller(new RecordedRequest(Service.GLUE, "GetTable", getTable))).extracting(Permission::resource).containsExactly(
                "arn:aws:glue:us-east-1:111122223333:catalog", "arn:aws:glue:us-east-1:111122223333:database/tpch",
                "arn:aws:glue:us-east-1:111122223333:table/tpch/orders");
        ObjectNode start = JsonNodeFactory.instance.objectNode().put("applicationId", "00app").put("executionRoleArn", "arn:aws:iam::111122223333:role/r");
        start.putObject("tags").put("created-by", "benchbox");
        assertThat(required.caller(new RecordedRequest(Service.EMR_SERVERLESS, "StartJobRun", start))).containsExactly(
                new Permission("emr-serverless:StartJobRun", "arn:aws:emr-serverless:us-east-1:111122223333:/applications/00app"),
                new Permission("iam:PassRole", "arn:aws:iam::111122223333:role/r", Map.of("iam:PassedToService", "emr-serverless.amazonaws.com")),
                new Permission("emr-serverless:TagResource", "arn:aws:emr-serverless:us-east-1:111122223333:/applications/00app/jobruns/new",
                        Map.of("aws:RequestTag/created-by", "benchbox")));
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("Bucket", "b").put("Prefix", "bench/data/");
        assertThat(required.caller(new RecordedRequest(Service.S3, "ListObjectsV2", list)))
                .containsExactly(new Permission("s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", "bench/data/")));
        assertThatThrownBy(() -> required.caller(new RecordedRequest(Service.GLUE, "DeleteDatabase", getTable)))
                .hasMessageContaining("no IAM mapping");
    }
}
