package io.einstruct.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** House rules that the compiler does not check. */
@AnalyzeClasses(packages = "io.einstruct.dsl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule NO_STATIC_MUTABLE_STATE =
      fields()
          .that()
          .areStatic()
          .should()
          .haveModifier(JavaModifier.FINAL)
          .because("static state is for immutable constants only");

  @ArchTest
  static final ArchRule NO_TENSORFLOW =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tensorflow..")
          .because("nothing below train knows TensorFlow exists");

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
