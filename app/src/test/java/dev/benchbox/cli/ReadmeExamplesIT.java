package dev.benchbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.IntegrationTest;
import dev.benchbox.platform.emr.job.ReleaseLabel;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's examples, replayed in order in one fresh directory the way a newcomer types them, so the README cannot
 * drift from what the shell does. What a fenced block is decides how it is replayed:
 * <ul>
 * <li>{@code bash}: every line is a command for bash ({@code scripts/} being the repository's); each must exit 0.
 * {@code ./mvnw} lines are the build this test runs in, and are not run again.</li>
 * <li>{@code bbx} opening with {@code # NAME.bbx}: a script file, written as NAME.bbx before anything runs.</li>
 * <li>any other {@code bbx}: lines typed at the prompt of {@code scripts/benchbox}, replayed as a script (which stops
 * at a failing line), with no comment, continuation or variable (the prompt has none). A block that connects to
 * EMR Serverless runs against the AWS stand-in, with its endpoint and credentials in the environment and the
 * README's bucket and role mapped onto the stand-in's.</li>
 * <li>no language: output, which the command before it must print line by line (numbers are examples).</li>
 * </ul>
 */
@IntegrationTest
class ReadmeExamplesIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize(); // tests run in the app module
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```$");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");
    /** The README's placeholders for an AWS account's own names. */
    private static final String BUCKET = "s3://my-bucket/";
    private static final String ROLE = "arn:aws:iam::123456789012:role/benchbox";

    @TempDir
    Path work;

    private record Block(String language, String text) {
        List<String> lines() {
            return text.lines().toList();
        }
    }

    private record Run(String command, int exitCode, String output) {
    }

    private AwsStandIn aws;

    @Test
    void everyExampleRunsAsWritten() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme.lines().count()).as("README.md stays short: the rest is in docs/").isLessThanOrEqualTo(250);
        List<Block> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            blocks.add(new Block(block.group(1), block.group(2)));
        }
        assertThat(blocks).extracting(Block::language).as("every fenced block is one this test replays").allMatch(
                language -> language.equals("bash") || language.equals("bbx") || language.isEmpty());
        Files.createDirectories(work.resolve("home"));
        for (Block file : blocks) {
            Matcher name = Pattern.compile("^# (\\S+\\.bbx)").matcher(file.text());
            if (file.language().equals("bbx") && name.lookingAt()) {
                Files.writeString(work.resolve(name.group(1)), file.text());
            }
        }
        try {
            Run last = null;
            int prompt = 0;
            for (Block each : blocks) {
                switch (each.language()) {
                    case "bash" -> {
                        for (String command : commands(each)) {
                            last = bash(command);
                            assertThat(last.exitCode()).as(last.command() + "\n" + last.output()).isZero();
                        }
                    }
                    case "bbx" -> {
                        if (!each.text().startsWith("# ")) {
                            last = atThePrompt(each, ++prompt);
                            assertThat(last.exitCode()).as(last.command() + "\n" + last.output()).isZero();
                        }
                    }
                    default -> {
                        assertThat(last).as("output shown after a command").isNotNull();
                        assertPrints(last, each);
                    }
                }
            }
            assertThat(prompt).as("the tour's blocks were typed").isGreaterThanOrEqualTo(2);
        } finally {
            if (aws != null) {
                aws.close();
            }
        }
    }

    @Test
    void theToursReleaseLabelHasSessions() throws IOException {
        Matcher label = Pattern.compile("--release-label (emr-[a-z0-9.-]+)").matcher(Files.readString(ROOT.resolve("README.md")));
        assertThat(label.find()).as("the tour creates its application on a named release").isTrue();
        do {
            assertThat(ReleaseLabel.supportsSessions(label.group(1))).as(label.group(1)).isTrue();
        } while (label.find());
    }

    /** A bash block's commands: one a line, a trailing backslash joining the next. */
    private static List<String> commands(Block block) {
        List<String> commands = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        for (String line : block.lines()) {
            command.append(line);
            if (line.endsWith("\\")) {
                command.setLength(command.length() - 1);
                continue;
            }
            String whole = command.toString().strip();
            command.setLength(0);
            if (!whole.startsWith("./mvnw ")) {
                commands.add(whole);
            }
        }
        return commands;
    }

    private Run bash(String command) throws Exception {
        assertThat(command).as("a README command starts from the repository's scripts").startsWith("scripts/");
        return run(command, environment(), "bash", "-c", ROOT.resolve("scripts") + command.substring("scripts".length()));
    }

    private Run atThePrompt(Block block, int n) throws Exception {
        for (String line : block.lines()) {
            assertThat(line).as("typed at the prompt, which knows no comments, continuations or variables")
                    .doesNotStartWith("#").doesNotEndWith("\\").doesNotContain("${");
        }
        Map<String, String> env = environment();
        String typed = block.text();
        if (typed.contains("connect emr-serverless")) {
            assertThat(typed).contains(BUCKET, ROLE);
            AwsStandIn standIn = standIn();
            typed = typed.replace(BUCKET, "s3://" + standIn.bucket() + "/").replace(ROLE, AwsStandIn.EXECUTION_ROLE);
            env.put("AWS_ENDPOINT_URL", standIn.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", AwsStandIn.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", AwsStandIn.SECRET_KEY);
            env.put("AWS_REGION", AwsStandIn.REGION.id());
        }
        Path script = Files.writeString(work.resolve("typed-" + n + ".bbx"), typed);
        return run("at the prompt:\n" + block.text(), env, ROOT.resolve("scripts/benchbox").toString(), "--script", script.toString());
    }

    private AwsStandIn standIn() {
        if (aws == null) {
            // the test latencies, but real minutes: the application's and the session's idle timeouts do not end them
            // while the tour runs (they would in a few seconds of test minutes)
            StandInConfig quick = StandInConfig.forTests(work.resolve("aws"));
            aws = AwsStandIn.start(new StandInConfig(quick.dataDir(), quick.modelsDir(), quick.bucket(), quick.clock(), quick.transition(),
                    quick.coldStart(), quick.preInitializedStart(), java.time.Duration.ofMinutes(1), quick.executor(), quick.port()));
        }
        return aws;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", work.resolve("home").toString());
        env.put("BENCHBOX_HOME", work.resolve("home/.benchbox").toString());
        env.put("NO_COLOR", "1");
        return env;
    }

    private Run run(String what, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(builder.environment());
        environment.putAll(env);
        builder.environment().putAll(environment);
        Path output = work.resolve("output.txt");
        builder.redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(what + " did not finish");
        }
        return new Run(what, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** The output block's lines, in order, among what the command printed; its numbers stand for any number. */
    private static void assertPrints(Run run, Block expected) {
        int from = 0;
        List<String> printed = run.output().lines().toList();
        for (String line : expected.lines()) {
            Pattern pattern = Pattern.compile(generalised(line));
            int at = from;
            while (at < printed.size() && !pattern.matcher(printed.get(at)).matches()) {
                at++;
            }
            assertThat(at).as("README shows '%s' after %s; it printed:%n%s", line, run.command(), run.output()).isLessThan(printed.size());
            from = at + 1;
        }
    }

    private static String generalised(String line) {
        StringBuilder regex = new StringBuilder();
        Matcher number = NUMBER.matcher(line);
        int last = 0;
        while (number.find()) {
            regex.append(Pattern.quote(line.substring(last, number.start()))).append("[0-9]+(?:\\.[0-9]+)?");
            last = number.end();
        }
        return regex.append(Pattern.quote(line.substring(last))).toString();
    }
}
