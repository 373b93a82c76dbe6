/**
 * A local stand-in for EMR Serverless, Glue and S3, for tests (and {@code scripts/local-aws}); never shipped.
 * <p>
 * <b>Use from a test:</b> annotate the class (or one method) {@link dev.benchbox.standin.WithAwsStandIn} and take an
 * {@code AwsStandIn} parameter: the test JVM's one stand-in, reset before every test
 * ({@link dev.benchbox.standin.AwsStandInExtension}); such tests belong to the integration tier. A test that needs
 * a stand-in of its own (another port, the interactive latencies) uses
 * {@code try (AwsStandIn aws = AwsStandIn.start(StandInConfig.forTests(tempDir))) {...}}. Then the real SDK clients from {@code aws.emrServerlessClient()}, {@code aws.glueClient()},
 * {@code aws.s3Client()} or {@code aws.configure(AnyClient.builder())}; {@code aws.bucket()} exists already and
 * {@link dev.benchbox.standin.AwsStandIn#EXECUTION_ROLE} passes the model's role pattern. Pass
 * {@code .withExecutor(...)} (to {@code aws.reset(aws.config()...)} on the shared one) to script job outcomes instead of running Spark, {@code .withClock(...)} for exact
 * billing, {@code .withMinute(...)}/{@code .withStartLatencies(...)} to scale time. Faults: {@code aws.faults()}
 * and {@code aws.stopApplicationNow(id)}. What the platform sent: {@code aws.requests()}; states passed through:
 * {@code aws.applicationStates(id)}, {@code aws.jobRunStates(app, run)}.
 * <p>
 * <b>s3:// inside jobs:</b> s3proxy's filesystem blob store keeps {@code s3://bucket/key} as the plain file
 * {@code <dataDir>/s3/bucket/key}. The child JVM registers {@code StandInS3FileSystem} for the s3, s3a and s3n
 * schemes ({@code spark.hadoop.fs.s3.impl}, root in {@code spark.hadoop.fs.standin.root}), which maps every
 * path onto those files: no rewriting of the job's arguments or manifests is needed, and what the job writes
 * is immediately visible through S3.
 * <p>
 * <b>Spark runtime:</b> the reactor's {@code standin-spark} module (no Boot BOM, so Spark keeps its own Jackson
 * and Hadoop) builds into its own {@code target/}: {@code classpath.txt}, {@code standin-spark.jar} (launcher +
 * file system) and {@code standin-spark-testjob.jar}.
 * Only the child JVM uses them.
 */
package dev.benchbox.standin;
