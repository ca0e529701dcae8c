package io.einstruct.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The house rules every module checks with ArchUnit, shared through this module's test-jar: include
 * them with {@code @ArchTest static final ArchTests RULES = ArchTests.in(HouseRules.class)}.
 */
public final class HouseRules {
  private HouseRules() {}

  @ArchTest
  public static final ArchRule NO_STATIC_MUTABLE_STATE =
      fields()
          .that()
          .areStatic()
          .should()
          .haveModifier(JavaModifier.FINAL)
          .because("static state is for immutable constants only");

  @ArchTest
  public static final ArchRule NO_PACKAGE_CYCLES =
      slices()
          .matching("io.einstruct.(**)")
          .should()
          .beFreeOfCycles()
          .because("each package builds on the ones below it; a cycle makes two packages one");

  /** Only {@code train} and the modules above it may use TensorFlow. */
  public static final ArchRule NO_TENSORFLOW =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tensorflow..")
          .because("nothing below train knows TensorFlow exists");
}
