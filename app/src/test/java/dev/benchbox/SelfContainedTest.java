package dev.benchbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user clones the repository and nothing else: no file that takes part in building, testing or running the
 * project may name the team's shared folder beside the checkout. (The needle is assembled so this file does
 * not name it either.)
 */
class SelfContainedTest {

    private static final String NEEDLE = ".." + "/" + "shared";

    @Test
    void noProjectFileNamesTheSharedFolderBesideTheCheckout() throws IOException {
        // tests run in the app module; the repository's root is its parent
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("app").resolve("pom.xml")).as("tests run from the app module").exists();
        List<String> offenders = new ArrayList<>();
        for (String top : List.of("app/src", "app/pom.xml", "job/src", "job/pom.xml", "datagen/src", "datagen/pom.xml",
                "standin-spark/src", "standin-spark/pom.xml", "job-spark4/pom.xml", "standin-spark4/pom.xml", "scripts", ".ci", "pom.xml", "mvnw")) {
            Path start = root.resolve(top);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(start)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String text = readText(file);
                    if (text != null && text.contains(NEEDLE)) {
                        offenders.add(root.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(offenders).as("files naming " + NEEDLE).isEmpty();
    }

    @Test
    void theAwsModelsTheStandInValidatesAgainstShipWithTheTests() {
        Path models = dev.benchbox.standin.StandInConfig.defaultModelsDir();
        assertThat(models.toString()).doesNotContain(NEEDLE);
        assertThat(models.resolve(dev.benchbox.standin.StandInConfig.EMR_MODEL)).isRegularFile();
        assertThat(models.resolve(dev.benchbox.standin.StandInConfig.GLUE_MODEL)).isRegularFile();
    }

    /** The file's text, or null for a binary file. */
    private static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return null;
        }
    }
}
