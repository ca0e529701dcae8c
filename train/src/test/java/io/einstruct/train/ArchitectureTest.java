package io.einstruct.train;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.einstruct.dsl.HouseRules;

/** House rules that the compiler does not check. */
@AnalyzeClasses(
    packages = "io.einstruct.train",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests HOUSE_RULES = ArchTests.in(HouseRules.class);

  @ArchTest
  static final ArchRule DATA_KNOWS_NO_TENSORFLOW =
      noClasses()
          .that()
          .resideInAPackage("..train.data..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tensorflow..")
          .because("batches are plain Java arrays; tensors are made only where they are fed");
}
