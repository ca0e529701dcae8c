package io.einstruct.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.einstruct.dsl.HouseRules;

/** House rules that the compiler does not check. */
@AnalyzeClasses(
    packages = "io.einstruct.reports",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests HOUSE_RULES = ArchTests.in(HouseRules.class);

  @ArchTest
  static final ArchRule REPORTS_READ_RESULTS_NOT_GRAPHS =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tensorflow..")
          .because("a report reads stored results; it never builds or runs a graph");
}
