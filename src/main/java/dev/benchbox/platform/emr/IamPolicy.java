package dev.benchbox.platform.emr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The least-privilege policy of the job runs' execution role, narrowed to the staging bucket and prefix and
 * the Glue database, and the trust relationship that lets EMR Serverless assume the role.
 */
public final class IamPolicy {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IamPolicy() {
    }

    /**
     * The permissions policy: read and write objects under the staging prefix only, list the bucket only
     * below it, and read and write the Glue database's tables (plus read-only {@code default}, which Spark's
     * Glue client looks up at start).
     */
    public static String executionRolePolicy(S3Location staging, String database, String region, String accountId, String partition) {
        ObjectNode policy = MAPPER.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        String bucketArn = "arn:" + partition + ":s3:::" + staging.bucket();
        statement(statements, "StagingObjects", new String[] {"s3:GetObject", "s3:PutObject", "s3:DeleteObject"},
                new String[] {bucketArn + "/" + staging.prefix() + "*"});
        ObjectNode list = statement(statements, "StagingList", new String[] {"s3:ListBucket"}, new String[] {bucketArn});
        if (!staging.prefix().isEmpty()) {
            list.putObject("Condition").putObject("StringLike").putArray("s3:prefix")
                    .add(staging.prefix()).add(staging.prefix() + "*");
        }
        String glue = "arn:" + partition + ":glue:" + region + ":" + accountId + ":";
        statement(statements, "GlueCatalogRead", new String[] {"glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables",
                "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:GetUserDefinedFunctions"},
                new String[] {glue + "catalog", glue + "database/" + database, glue + "table/" + database + "/*",
                        glue + "database/default", glue + "userDefinedFunction/" + database + "/*"});
        statement(statements, "GlueTablesWrite", new String[] {"glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable"},
                new String[] {glue + "catalog", glue + "database/" + database, glue + "table/" + database + "/*"});
        return write(policy);
    }

    /** The trust relationship: EMR Serverless may assume the role, for this account's applications only. */
    public static String trustPolicy(String accountId, String partition, String region) {
        ObjectNode policy = MAPPER.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Sid", "EmrServerlessAssumeRole").put("Effect", "Allow");
        statement.putObject("Principal").put("Service", "emr-serverless.amazonaws.com");
        statement.put("Action", "sts:AssumeRole");
        if (!"*".equals(accountId)) {
            ObjectNode condition = statement.putObject("Condition");
            condition.putObject("StringEquals").put("aws:SourceAccount", accountId);
            condition.putObject("ArnLike").put("aws:SourceArn",
                    "arn:" + partition + ":emr-serverless:" + region + ":" + accountId + ":/applications/*");
        }
        return write(policy);
    }

    /**
     * What the user running the shell needs for interactive sessions (StartSession ... TerminateSession,
     * GetResourceDashboard), on this account's applications and their sessions, plus passing the execution role to them.
     */
    public static String sessionCallerPolicy(String region, String accountId, String partition, String executionRoleArn) {
        ObjectNode policy = MAPPER.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        String applications = "arn:" + partition + ":emr-serverless:" + region + ":" + accountId + ":/applications/*";
        statement(statements, "EmrServerlessSessions", new String[] {"emr-serverless:StartSession", "emr-serverless:GetSession",
                "emr-serverless:GetSessionEndpoint", "emr-serverless:ListSessions", "emr-serverless:TerminateSession",
                "emr-serverless:GetResourceDashboard"}, new String[] {applications, applications + "/sessions/*"});
        ObjectNode pass = statement(statements, "PassExecutionRole", new String[] {"iam:PassRole"},
                new String[] {executionRoleArn == null ? "arn:" + partition + ":iam::" + accountId + ":role/*" : executionRoleArn});
        pass.putObject("Condition").putObject("StringLike").put("iam:PassedToService", "emr-serverless.amazonaws.com");
        return write(policy);
    }

    private static ObjectNode statement(ArrayNode statements, String sid, String[] actions, String[] resources) {
        ObjectNode statement = statements.addObject().put("Sid", sid).put("Effect", "Allow");
        ArrayNode actionList = statement.putArray("Action");
        for (String action : actions) {
            actionList.add(action);
        }
        ArrayNode resourceList = statement.putArray("Resource");
        for (String resource : resources) {
            resourceList.add(resource);
        }
        return statement;
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
