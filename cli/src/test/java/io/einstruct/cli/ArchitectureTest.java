package io.einstruct.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.einstruct.dsl.HouseRules;

/** House rules that the compiler does not check. */
@AnalyzeClasses(packages = "io.einstruct.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests HOUSE_RULES = ArchTests.in(HouseRules.class);
}
