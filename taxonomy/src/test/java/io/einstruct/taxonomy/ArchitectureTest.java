package io.einstruct.taxonomy;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.einstruct.dsl.HouseRules;

/** House rules that the compiler does not check. */
@AnalyzeClasses(
    packages = "io.einstruct.taxonomy",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests HOUSE_RULES = ArchTests.in(HouseRules.class);

  @ArchTest static final ArchRule NO_TENSORFLOW = HouseRules.NO_TENSORFLOW;
}
