package dev.benchbox.standin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithAwsStandIn
class GlueStandInTest {

    private AwsStandIn aws;
    private GlueClient glue;

    @BeforeEach
    void start(AwsStandIn standIn) {
        aws = standIn;
        glue = aws.glueClient();
    }

    @AfterEach
    void stop() {
        glue.close();
    }

    private static TableInput parquetTable(String name, String location, Column... columns) {
        return TableInput.builder().name(name).tableType("EXTERNAL_TABLE")
                .parameters(java.util.Map.of("classification", "parquet"))
                .storageDescriptor(sd -> sd.location(location).columns(columns)
                        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                        .serdeInfo(s -> s.serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")))
                .build();
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    @Test
    void databaseIsCreatedAndReadBackUnderItsLowerCaseName() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("TPCH_SF1").description("TPC-H")));

        var db = glue.getDatabase(b -> b.name("tpch_sf1")).database();

        assertThat(db.name()).isEqualTo("tpch_sf1");
        assertThat(db.description()).isEqualTo("TPC-H");
        assertThat(db.catalogId()).isEqualTo(AwsStandIn.ACCOUNT_ID);
        assertThat(db.createTime()).isNotNull();
        assertThat(glue.getDatabases(b -> { }).databaseList()).extracting(d -> d.name()).containsExactly("tpch_sf1");
    }

    @Test
    void creatingAnExistingDatabaseFailsWithAlreadyExists() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch")));

        assertThatThrownBy(() -> glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch"))))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void missingDatabaseAndTableAreEntityNotFound() {
        assertThatThrownBy(() -> glue.getDatabase(b -> b.name("nope"))).isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Database nope not found.");
        glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch")));
        assertThatThrownBy(() -> glue.getTable(b -> b.databaseName("tpch").name("nation")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("Table nation not found.");
        assertThatThrownBy(() -> glue.createTable(b -> b.databaseName("other").tableInput(parquetTable("t", "s3://b/t/"))))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void tableIsCreatedUpdatedReadAndDeleted() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch")));
        glue.createTable(b -> b.databaseName("tpch").tableInput(parquetTable("nation", "s3://b/data/nation/",
                column("n_nationkey", "int"), column("n_name", "string"))));

        assertThatThrownBy(() -> glue.createTable(b -> b.databaseName("tpch").tableInput(parquetTable("nation", "s3://b/x/"))))
                .isInstanceOf(AlreadyExistsException.class);
        glue.updateTable(b -> b.databaseName("tpch").tableInput(parquetTable("nation", "s3://b/data/nation-v2/",
                column("n_nationkey", "bigint"))));
        Table table = glue.getTable(b -> b.databaseName("tpch").name("nation")).table();

        assertThat(table.databaseName()).isEqualTo("tpch");
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.storageDescriptor().location()).isEqualTo("s3://b/data/nation-v2/");
        assertThat(table.storageDescriptor().columns()).containsExactly(column("n_nationkey", "bigint"));
        assertThat(table.versionId()).isEqualTo("1");

        glue.deleteTable(b -> b.databaseName("tpch").name("nation"));
        assertThatThrownBy(() -> glue.getTable(b -> b.databaseName("tpch").name("nation"))).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void updateNamingAStaleVersionIsAConcurrentModificationAndChangesNothing() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch")));
        glue.createTable(b -> b.databaseName("tpch").tableInput(parquetTable("nation", "s3://b/v0/", column("n_nationkey", "bigint"))));
        String v0 = glue.getTable(b -> b.databaseName("tpch").name("nation")).table().versionId();

        // what Iceberg's Glue catalog does on commit: update at the version it read
        glue.updateTable(b -> b.databaseName("tpch").versionId(v0).skipArchive(true)
                .tableInput(parquetTable("nation", "s3://b/v1/", column("n_nationkey", "bigint"))));
        String v1 = glue.getTable(b -> b.databaseName("tpch").name("nation")).table().versionId();

        assertThat(v1).isNotEqualTo(v0);
        assertThatThrownBy(() -> glue.updateTable(b -> b.databaseName("tpch").versionId(v0)
                .tableInput(parquetTable("nation", "s3://b/lost/", column("n_nationkey", "bigint")))))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.ConcurrentModificationException.class);
        Table now = glue.getTable(b -> b.databaseName("tpch").name("nation")).table();
        assertThat(now.storageDescriptor().location()).isEqualTo("s3://b/v1/");
        assertThat(now.versionId()).isEqualTo(v1);
    }

    @Test
    void getTablesPagesWithMaxResultsAndNextToken() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch")));
        for (String t : List.of("customer", "lineitem", "nation", "orders", "part")) {
            glue.createTable(b -> b.databaseName("tpch").tableInput(parquetTable(t, "s3://b/data/" + t + "/")));
        }

        var first = glue.getTables(b -> b.databaseName("tpch").maxResults(2));
        var second = glue.getTables(b -> b.databaseName("tpch").maxResults(2).nextToken(first.nextToken()));
        var all = glue.getTablesPaginator(b -> b.databaseName("tpch").maxResults(2)).stream().flatMap(p -> p.tableList().stream()).map(Table::name).toList();

        assertThat(first.tableList()).extracting(Table::name).containsExactly("customer", "lineitem");
        assertThat(second.tableList()).extracting(Table::name).containsExactly("nation", "orders");
        assertThat(all).containsExactly("customer", "lineitem", "nation", "orders", "part");
    }

    @Test
    void deletingADatabaseDeletesItsTables() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch")));
        glue.createTable(b -> b.databaseName("tpch").tableInput(parquetTable("nation", "s3://b/n/")));

        glue.deleteDatabase(b -> b.name("tpch"));
        glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch")));

        assertThat(glue.getTables(b -> b.databaseName("tpch")).tableList()).isEmpty();
    }

    @Test
    void requestBreakingTheModelIsAValidationException() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("tpch")));

        assertThatThrownBy(() -> glue.getTables(b -> b.databaseName("tpch").maxResults(101)))
                .isInstanceOfSatisfying(GlueException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '101' at 'maxResults' "
                            + "failed to satisfy constraint: Member must have value less than or equal to 100");
                });
        assertThatThrownBy(() -> glue.createDatabase(b -> b.databaseInput(d -> d.name("x".repeat(256)))))
                .isInstanceOf(GlueException.class).hasMessageContaining("at 'databaseInput.name'")
                .hasMessageContaining("Member must have length less than or equal to 255");
    }
}
