package dev.benchbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.LauncherUsage;
import dev.benchbox.standin.Await;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/benchbox itself, run by bash on a copy of the repository's layout with a stand-in {@code java} for the
 * default JDK (17) and another for the one-shot JDK (25): the stand-ins record how they were started, extract
 * and train by touching the files a real JVM would write, and fail or wait when the test asks. What is checked is the
 * start configuration the launcher chooses, its lock and what it says when a training run fails; the real application
 * under the launcher is smoke-tested by ScriptsSmokeIT.
 */
class BenchboxLauncherTest {
    private static final Path SCRIPT = Path.of("../scripts/benchbox").toAbsolutePath().normalize(); // tests run in the app module

    /** The stand-in java: records its arguments, then does what the launcher expects of the step it is asked for. */
    private static final String STUB_JAVA = """
            #!/usr/bin/env bash
            { printf '%s' "$0"; printf ' %s' "$@"; echo; } >> "$STUB_LOG"
            dest= cds= conf= cache= prev= mode=
            for a in "$@"; do
              case "$a" in
                -XX:ArchiveClassesAtExit=*) cds=${a#*=} ;;
                -XX:AOTConfiguration=*) conf=${a#*=} ;;
                -XX:AOTCache=*) cache=${a#*=} ;;
                -XX:AOTMode=*) mode=${a#*=} ;;
              esac
              [ "$prev" = --destination ] && dest=$a
              prev=$a
            done
            if [ -n "$dest" ]; then
              if [ -n "${STUB_GATE:-}" ]; then
                touch "$STUB_GATE.extracting.$$"
                until [ -e "$STUB_GATE" ]; do sleep 0.02; done
              fi
              mkdir -p "$dest" && echo extracted > "$dest/benchbox-shell.jar"
              exit 0
            fi
            if [ -n "$cds" ]; then
              [ -n "${STUB_FAIL_TRAINING:-}" ] && { echo "Error: could not find or load the main class" >&2; exit 1; }
              touch "$cds"
              exit 0
            fi
            case "$mode" in
              record) touch "$conf"; exit 0 ;;
              create) [ -n "${STUB_FAIL_AOT:-}" ] && { echo "Error: AOT cache creation failed" >&2; exit 1; }; touch "$cache"; exit 0 ;;
            esac
            echo started
            """;

    @TempDir
    Path work;

    Path tree;
    Path jar;
    Path app;
    Path defaultJava;
    Path oneshotJava;
    final Map<String, String> env = new HashMap<>();

    record Run(int exitCode, String stdout, String stderr) {
    }

    /** One start of the JVM as recorded by the stand-in: which java, with which arguments. */
    record Start(String java, List<String> args) {
        boolean isLaunch() {
            return args.stream().noneMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit") || arg.startsWith("-XX:AOTMode")
                    || arg.equals("-Djarmode=tools"));
        }

        boolean fullCompilation() {
            return !args.contains("-XX:TieredStopAtLevel=1");
        }

        /** C1 compiles a method after ~1,000 calls, not ~200: what runs only while Spring starts stays interpreted. */
        boolean laterC1() {
            return args.contains("-XX:Tier3InvocationThreshold=1000");
        }

        /** The words after the application jar: what the user typed. */
        List<String> userArgs() {
            int jar = args.indexOf("-jar");
            return args.subList(jar + 2, args.size());
        }
    }

    @BeforeEach
    void layOutARepository() throws IOException {
        tree = work.resolve("repo");
        Files.createDirectories(tree.resolve("scripts"));
        Files.copy(SCRIPT, tree.resolve("scripts/benchbox"));
        String script = Files.readString(SCRIPT);
        // the launcher's path constants, read from it, so a moved jar moves here too
        jar = tree.resolve(constant(script, "jar"));
        app = tree.resolve(constant(script, "app"));
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "built");
        defaultJava = jdk("jdk-17", "17.0.15");
        oneshotJava = jdk("jdk-25", "25.0.1");
        env.put("JAVA_HOME", defaultJava.getParent().getParent().toString());
        env.put("BENCHBOX_ONESHOT_JAVA_HOME", oneshotJava.getParent().getParent().toString());
        env.put("STUB_LOG", work.resolve("java.log").toString());
        env.put("HOME", work.resolve("home").toString());
    }

    private static String constant(String script, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "=\"\\$root/([^\"]+)\"$").matcher(script);
        assertThat(line.find()).as("scripts/benchbox sets %s=\"$root/...\" near its top", name).isTrue();
        return line.group(1);
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(work.resolve(name + "/bin")).getParent();
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, STUB_JAVA);
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return java;
    }

    /** A launcher process and the files its standard output and error go to. */
    record Launch(Process process, Path out, Path err) {
    }

    private Launch start(String path, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", tree.resolve("scripts/benchbox").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PATH", path);
        Path out = Files.createTempFile(work, "launch", ".out");
        Path err = Files.createTempFile(work, "launch", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new Launch(builder.start(), out, err);
    }

    private static Run finish(Launch launch) throws Exception {
        assertThat(launch.process().waitFor(1, TimeUnit.MINUTES)).as("the launcher exits").isTrue();
        return new Run(launch.process().exitValue(), Files.readString(launch.out(), StandardCharsets.UTF_8),
                Files.readString(launch.err(), StandardCharsets.UTF_8));
    }

    private Run benchbox(String... args) throws Exception {
        return finish(start(System.getenv("PATH"), args));
    }

    private List<Start> starts() throws IOException {
        Path log = work.resolve("java.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().map(line -> {
            List<String> words = Arrays.asList(line.split(" "));
            return new Start(words.get(0), words.subList(1, words.size()));
        }).toList();
    }

    private Start lastLaunch() throws IOException {
        List<Start> launches = starts().stream().filter(Start::isLaunch).toList();
        assertThat(launches).as("the application was started").isNotEmpty();
        return launches.get(launches.size() - 1);
    }

    @Test
    void theLaunchersValueOptionsAreTheApplicationsOwn() throws IOException {
        Matcher list = Pattern.compile("(?m)^launcher_value_options=\\(([^)]*)\\)$").matcher(Files.readString(SCRIPT));
        assertThat(list.find()).as("scripts/benchbox lists its value options in launcher_value_options=(...)").isTrue();
        Set<String> script = Arrays.stream(list.group(1).trim().split("\\s+")).collect(Collectors.toSet());
        assertThat(script).isEqualTo(LauncherUsage.VALUE_OPTIONS);
    }

    @Nested
    class StartConfiguration {
        @Test
        void aLoadKeepsFullCompilationOnTheOneShotJdkAndItsAotCache() throws Exception {
            Run run = benchbox("--path", "x.duckdb", "load", "tpch", "--scale", "1");

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEqualTo("started\n");
            Start launch = lastLaunch();
            assertThat(launch.java()).isEqualTo(oneshotJava.toString());
            assertThat(launch.fullCompilation()).isTrue();
            assertThat(launch.args()).contains("-XX:AOTCache=" + app.resolve("benchbox.aot"));
            assertThat(launch.userArgs()).containsExactly("--path", "x.duckdb", "load", "tpch", "--scale", "1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "--debug", "--path x.duckdb", "--debug --path x.duckdb", "load tpch", "--debug load tpch --scale 1"})
        void theInteractiveShellAndLoadsGetFullCompilationOnTheOneShotJdkAndItsAotCache(String args) throws Exception {
            Run run = benchbox(words(args));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            Start launch = lastLaunch();
            assertThat(launch.java()).isEqualTo(oneshotJava.toString());
            assertThat(launch.fullCompilation()).isTrue();
            assertThat(launch.laterC1()).isTrue();
            assertThat(launch.args()).contains("-XX:AOTCache=" + app.resolve("benchbox.aot"));
            assertThat(launch.userArgs()).containsExactly(words(args));
        }

        @Test
        void withoutAOneShotJdkTheInteractiveShellRunsOnTheDefaultOneWithItsArchive() throws Exception {
            env.put("BENCHBOX_ONESHOT_JAVA_HOME", "none");

            benchbox();

            Start launch = lastLaunch();
            assertThat(launch.java()).isEqualTo(defaultJava.toString());
            assertThat(launch.fullCompilation()).isTrue();
            assertThat(launch.laterC1()).isTrue();
            assertThat(launch.args()).contains("-XX:SharedArchiveFile=" + app.resolve("benchbox.jsa"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"--script s.bbx", "--script query", "--script load", "--debug --script s.bbx --continue-on-error",
                "run --platform duckdb", "--path x.duckdb --debug run"})
        void scriptsAndRunGetFullCompilationOnTheDefaultJdk(String args) throws Exception {
            Run run = benchbox(words(args));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            Start launch = lastLaunch();
            assertThat(launch.java()).isEqualTo(defaultJava.toString());
            assertThat(launch.fullCompilation()).isTrue();
            // a run is compared with a bare JDBC loop started with the JVM's own thresholds
            assertThat(launch.laterC1()).isFalse();
            assertThat(launch.userArgs()).containsExactly(words(args));
        }

        @ParameterizedTest
        @ValueSource(strings = {"help", "query SELECT", "--path x.duckdb query SELECT", "--debug status", "--help", "-h", "--path load --help",
                "status run"})
        void oneShotCommandsRunWithC1OnTheOneShotJdkAndItsAotCache(String args) throws Exception {
            Run run = benchbox(words(args));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            Start launch = lastLaunch();
            assertThat(launch.java()).isEqualTo(oneshotJava.toString());
            assertThat(launch.fullCompilation()).isFalse();
            assertThat(launch.args()).contains("-XX:AOTCache=" + app.resolve("benchbox.aot"));
            assertThat(launch.userArgs()).containsExactly(words(args));
        }

        @Test
        void withoutAOneShotJdkOneShotCommandsRunWithC1OnTheDefaultOne() throws Exception {
            env.put("BENCHBOX_ONESHOT_JAVA_HOME", "none");

            benchbox("query", "SELECT");

            Start launch = lastLaunch();
            assertThat(launch.java()).isEqualTo(defaultJava.toString());
            assertThat(launch.fullCompilation()).isFalse();
            assertThat(launch.args()).contains("-XX:SharedArchiveFile=" + app.resolve("benchbox.jsa"));
        }

        @Test
        void aPreparedApplicationIsNeitherExtractedNorTrainedAgain() throws Exception {
            benchbox("help");
            int before = starts().size();

            Run again = benchbox("help");

            assertThat(again.stderr()).isEmpty();
            assertThat(starts().subList(before, starts().size())).singleElement().satisfies(start -> assertThat(start.isLaunch()).isTrue());
        }

        private static String[] words(String args) {
            return args.isEmpty() ? new String[0] : args.split(" ");
        }
    }

    @Nested
    class TrainingFailures {
        @Test
        void aFailedTrainingRunIsOneLineOnStandardErrorAndItsOutputIsLogged() throws Exception {
            env.put("STUB_FAIL_TRAINING", "1");
            env.put("BENCHBOX_ONESHOT_JAVA_HOME", "none");

            Run run = benchbox("status");

            assertThat(run.exitCode()).isZero();
            Path log = app.resolve("training.log");
            assertThat(run.stderr()).isEqualTo("benchbox: the training run failed: no class-data-sharing archive, so every start is slower; "
                    + "its output is in " + log + "\n");
            assertThat(Files.readString(log)).contains("Error: could not find or load the main class")
                    .contains("benchbox: the training run failed");
            assertThat(lastLaunch().args()).noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"));
            assertThat(run.stdout()).isEqualTo("started\n");
        }

        @Test
        void aFailedAotCacheTrainingKeepsOneShotCommandsOnTheDefaultJdk() throws Exception {
            env.put("STUB_FAIL_AOT", "1");

            Run run = benchbox("status");

            assertThat(run.stderr()).isEqualTo("benchbox: the AOT cache training run on " + oneshotJava + " failed: one-shot commands, loads "
                    + "and the interactive shell stay on the default JDK; its output is in " + app.resolve("training.log") + "\n");
            Start launch = lastLaunch();
            assertThat(launch.java()).isEqualTo(defaultJava.toString());
            assertThat(launch.args()).contains("-XX:SharedArchiveFile=" + app.resolve("benchbox.jsa"));
            assertThat(app.resolve("benchbox.aotconf")).doesNotExist();
        }
    }

    @Nested
    class Lock {
        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void aSecondFirstLaunchWaitsForTheFirstAndDoesNotPrepareAgain(boolean withFlock) throws Exception {
            String path = withFlock ? System.getenv("PATH") : pathWithoutFlock();
            Path gate = work.resolve("gate");
            env.put("STUB_GATE", gate.toString());

            Launch first = start(path, "help");
            Await.until("the first launch is extracting", () -> extracting(gate) == 1);
            Launch second = start(path, "status");
            Await.until("the second launch waits for the lock",
                    () -> read(second.err()).contains("benchbox: waiting for another launch to finish preparing " + app));
            Files.writeString(gate, "open");
            Run one = finish(first);
            Run two = finish(second);

            assertThat(one.exitCode()).as(one.stderr()).isZero();
            assertThat(two.exitCode()).as(two.stderr()).isZero();
            assertThat(extracting(gate)).as("extracted once").isEqualTo(1);
            assertThat(starts().stream().filter(start -> start.args().contains("-Djarmode=tools"))).hasSize(1);
            assertThat(starts().stream().filter(Start::isLaunch)).hasSize(2);
            assertThat(app.resolve("benchbox.jsa")).exists();
            assertThat(app.resolveSibling(app.getFileName() + ".lock.d")).doesNotExist();
        }

        @Test
        void aLockDirectoryLeftByAKilledLaunchIsTakenOver() throws Exception {
            Process gone = new ProcessBuilder("true").start();
            assertThat(gone.waitFor(1, TimeUnit.MINUTES)).isTrue();
            Path lock = Files.createDirectories(app.resolveSibling(app.getFileName() + ".lock.d"));
            Files.writeString(lock.resolve("pid"), gone.pid() + "\n");

            Run run = finish(start(pathWithoutFlock(), "help"));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stderr()).isEmpty();
            assertThat(lock).doesNotExist();
            assertThat(lastLaunch().java()).isEqualTo(oneshotJava.toString());
        }

        private long extracting(Path gate) {
            try (var files = Files.list(work)) {
                return files.filter(file -> file.getFileName().toString().startsWith(gate.getFileName() + ".extracting.")).count();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A PATH holding every tool the launcher and the stand-in java use, but no flock: the mkdir lock is used. */
        private String pathWithoutFlock() throws IOException {
            Path bin = Files.createDirectories(work.resolve("bin-without-flock"));
            for (String tool : List.of("bash", "env", "dirname", "readlink", "sed", "head", "find", "mkdir", "rm", "ls", "unzip", "zip",
                    "uname", "touch", "cat", "tee", "sleep", "true")) {
                Path link = bin.resolve(tool);
                if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
                    Path candidate = Path.of(dir, tool);
                    if (Files.isExecutable(candidate)) {
                        Files.createSymbolicLink(link, candidate);
                        break;
                    }
                }
            }
            return bin.toString();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
