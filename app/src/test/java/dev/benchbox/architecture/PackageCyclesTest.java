package dev.benchbox.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers: no two depend on each other through any path, and the benchmark definitions (the TPC
 * packages and the data-set description) import nothing above them, so a benchmark is a plug-in below platforms.
 */
class PackageCyclesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.benchbox");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.benchbox.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theRuleSeesACycle() {
        JavaClasses cyclic = new ClassFileImporter().importClasses(dev.benchbox.architecture.a.Upper.class,
                dev.benchbox.architecture.b.Lower.class);
        assertThatThrownBy(() -> slices().matching("dev.benchbox.(**)").should().beFreeOfCycles().check(cyclic))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }

    @Test
    void benchmarkDefinitionsImportNothingAboveThem() {
        noClasses().that().resideInAnyPackage("dev.benchbox.tpch..", "dev.benchbox.tpcds..", "dev.benchbox.dataset..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.benchbox.benchmark..", "dev.benchbox.platform..",
                        "dev.benchbox.results..", "dev.benchbox.shell..", "dev.benchbox.bench..", "dev.benchbox.session..",
                        "dev.benchbox.cost..")
                .check(classes);
    }

    @Test
    void platformsNameNoBenchmark() {
        noClasses().that().resideInAnyPackage("dev.benchbox.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.benchbox.benchmark..")
                .check(classes);
    }
}
