package io.einstruct.search;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.einstruct.dsl.HouseRules;

/** House rules that the compiler does not check. */
@AnalyzeClasses(
    packages = "io.einstruct.search",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests HOUSE_RULES = ArchTests.in(HouseRules.class);

  @ArchTest
  static final ArchRule SEARCH_USES_TENSORFLOW_ONLY_THROUGH_TRAIN =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tensorflow..")
          .because("search trains through the train module and never touches graphs itself");
}
