package io.einstruct.taxonomy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** House rules that the compiler does not check. */
@AnalyzeClasses(
    packages = "io.einstruct.taxonomy",
    importOptions = ImportOption.DoNotIncludeTests.class)
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
}
