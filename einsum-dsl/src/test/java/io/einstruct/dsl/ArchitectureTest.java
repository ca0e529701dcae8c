package io.einstruct.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

/** House rules that the compiler does not check. */
@AnalyzeClasses(packages = "io.einstruct.dsl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests HOUSE_RULES = ArchTests.in(HouseRules.class);

  @ArchTest static final ArchRule NO_TENSORFLOW = HouseRules.NO_TENSORFLOW;

  @ArchTest
  static final ArchRule SYNTAX_KNOWS_NO_MEANING =
      noClasses()
          .that()
          .resideInAPackage("..dsl.syntax..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..dsl.model..", "..dsl.resolve..", "..dsl.plan..", "..dsl.eval..", "..dsl.mup..")
          .because("parse is the first pure stage: it knows form, not meaning");
}
