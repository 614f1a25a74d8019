package org.labpose.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module dependency directions of the README, enforced on the compiled classes. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.labpose");
  }

  @Test
  void modulesDependOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("core").definedBy("org.labpose.core..")
        .layer("multianimal").definedBy("org.labpose.multianimal..")
        .layer("video").definedBy("org.labpose.video..")
        .layer("net").definedBy("org.labpose.net..")
        .layer("geometry").definedBy("org.labpose.geometry..")
        .layer("analysis").definedBy("org.labpose.analysis..")
        .layer("web").definedBy("org.labpose.web..")
        .layer("cli").definedBy("org.labpose.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("web").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("analysis").mayOnlyBeAccessedByLayers("cli", "web")
        .whereLayer("net").mayOnlyBeAccessedByLayers("cli", "web")
        .whereLayer("video").mayOnlyBeAccessedByLayers("net", "web", "cli")
        .whereLayer("multianimal").mayOnlyBeAccessedByLayers("geometry", "net", "analysis", "web", "cli")
        .whereLayer("geometry").mayOnlyBeAccessedByLayers("video", "web", "cli")
        .check(classes);
  }

  @Test
  void coreHasNoNativeOrEngineDependency() {
    noClasses().that().resideInAPackage("org.labpose.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.bytedeco..", "ai.djl..", "org.labpose.video..", "org.labpose.net..",
            "org.labpose.analysis..", "org.labpose.web..", "org.labpose.cli..", "java.awt..", "javax.swing..")
        .check(classes);
  }

  @Test
  void onlyNetImportsDjl() {
    noClasses().that().resideOutsideOfPackage("org.labpose.net..")
        .should().dependOnClassesThat().resideInAPackage("ai.djl..")
        .check(classes);
  }

  @Test
  void multiAnimalIsEngineFree() {
    noClasses().that().resideInAPackage("org.labpose.multianimal..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "ai.djl..", "org.labpose.video..", "org.labpose.net..", "org.labpose.analysis..",
            "org.labpose.web..", "org.labpose.cli..")
        .check(classes);
  }

  @Test
  void geometryIsEngineFree() {
    noClasses().that().resideInAPackage("org.labpose.geometry..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "ai.djl..", "org.labpose.video..", "org.labpose.net..", "org.labpose.analysis..",
            "org.labpose.web..", "org.labpose.cli..")
        .check(classes);
  }

  @Test
  void analysisUsesNeitherVideoNorEngine() {
    noClasses().that().resideInAPackage("org.labpose.analysis..")
        .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..", "ai.djl..", "org.labpose.video..", "org.labpose.net..")
        .check(classes);
  }
}
