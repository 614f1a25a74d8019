package org.labpose.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Spark module sits on top: it uses the library's entry points, not the engine, the command line or the servers. */
class SparkArchitectureTest {
  @Test
  void sparkUsesTheLibraryNotTheEngineOrTheCommandLine() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.labpose.spark");
    noClasses().that().resideInAPackage("org.labpose.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.labpose.cli..", "org.labpose.web..")
        .check(classes);
  }
}
