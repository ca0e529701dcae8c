package io.einstruct.dsl.resolve;

import static io.einstruct.dsl.Sources.assertError;

import io.einstruct.dsl.Sources;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every way a source can be wrong is an error with a position; each message in full. */
class ResolverErrorsTest {
  private static final Map<String, Integer> SQUARE = Map.of("d_in", 16, "d_out", 16);

  @Test
  void rejectsUndeclaredIndexWithPositionAndSuggestion() {
    assertError(
        """
        structure btt(d_in, d_out, rank = 1) {
          dims c, d = split(d_in)
          dims a, b = split(d_out)
          dim r = rank
          y[a, b] = L[a, b, c, q] * R[r, b, c, d] * x[c, d]
        }
        """,
        SQUARE,
        """
        test.ein:5:24: index 'q' is not declared; declared: c, d, a, b, r
            y[a, b] = L[a, b, c, q] * R[r, b, c, d] * x[c, d]
                                 ^""");
  }

  @Test
  void suggestsTheClosestIndexForATypo() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim out = d_out
          dim inp = d_in
          y[out] = W[out, imp] * x[inp]
        }
        """,
        SQUARE,
        """
        test.ein:4:19: index 'imp' is not declared; did you mean 'inp'? declared: out, inp
            y[out] = W[out, imp] * x[inp]
                            ^~~""");
  }

  @Test
  void rejectsAValueUsedAsAnIndex() {
    assertError(
        """
        structure s(d_in, d_out, rank = 2) {
          dim o = d_out
          dim i = d_in
          y[o] = U[o, rank] * V[rank, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:4:15: 'rank' is a parameter, not an index; declare one with 'dim NAME = rank'
            y[o] = U[o, rank] * V[rank, i] * x[i]
                        ^~~~""");
  }

  @Test
  void rejectsUnusedIndex() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          dim q = 4
          y[o] = W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:4:7: index 'q' is declared but not used in the equation; use 'let' for a plain value
            dim q = 4
                ^""");
  }

  @Test
  void rejectsIndexRepeatedInOneTensor() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          y[o] = W[o, i, o] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:4:18: index 'o' appears twice in W; an index may appear once per tensor
            y[o] = W[o, i, o] * x[i]
                           ^""");
  }

  @Test
  void rejectsAFactorUsedTwiceWithDifferentIndexLists() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          dim r = 2
          y[o] = W[o, r] * W[r, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:5:20: factor 'W' is used with indices [r, i] here but [o, r] at 5:10; a factor has one index list
            y[o] = W[o, r] * W[r, i] * x[i]
                             ^~~~~~~""");
  }

  @Test
  void rejectsAFactorUsedTwice() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          y[o] = W[o, i] * W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:4:20: factor 'W' appears twice (first at 4:10); each factor appears once, so the layer stays linear in each factor
            y[o] = W[o, i] * W[o, i] * x[i]
                             ^~~~~~~""");
  }

  @Test
  void rejectsMissingX() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          y[o] = W[o, i] * v[i]
        }
        """,
        SQUARE,
        """
        test.ein:4:20: the right side must end with the input x, as in 'y[o] = W[o, i] * x[i]'
            y[o] = W[o, i] * v[i]
                             ^~~~""");
  }

  @Test
  void rejectsXBeforeTheEnd() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          y[o] = x[i] * W[o, i]
        }
        """,
        SQUARE,
        """
        test.ein:4:10: x must be the last tensor on the right: the chain is read right to left, starting from the input
            y[o] = x[i] * W[o, i]
                   ^""");
  }

  @Test
  void rejectsMissingY() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          z[o] = W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:4:3: the left side must be the output y, found 'z'
            z[o] = W[o, i] * x[i]
            ^""");
  }

  @Test
  void rejectsAnIndexOfYThatNoTensorOnTheRightHas() {
    assertError(
        """
        structure s(d_in, d_out) {
          dims a, b = split(d_out)
          dim i = d_in
          y[a, b] = W[a, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:4:8: index 'b' of y appears in no tensor on the right, so y would not depend on it
            y[a, b] = W[a, i] * x[i]
                 ^""");
  }

  @Test
  void rejectsAnIndexOnlyOneFactorHas() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          dim q = 3
          y[o] = W[o, i, q] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:5:18: index 'q' appears only in 'W', which would just be summed over it; use it in another tensor or drop it
            y[o] = W[o, i, q] * x[i]
                           ^""");
  }

  @Test
  void rejectsASizeThatIsNotAPositiveInteger() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = sqrt(d_in) * 1.3
          y[o] = W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:3:11: the size of index 'i' must be a positive integer, got 5.2 (round it with round(), floor() or ceil())
            dim i = sqrt(d_in) * 1.3
                    ^~~~~~~~~~~~~~~~""");
  }

  @Test
  void rejectsAZeroSize() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in - 16
          y[o] = W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:3:11: the size of index 'i' must be a positive integer, got 0
            dim i = d_in - 16
                    ^~~~~~~~~""");
  }

  @Test
  void rejectsADivisionThatDoesNotDivide() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in / 3
          y[o] = W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:3:16: division does not divide: 16 / 3 leaves 1; sizes must be exact (to round on purpose write e.g. round(16 / 3.0))
            dim i = d_in / 3
                         ^""");
  }

  @Test
  void rejectsXSizesThatDoNotMultiplyToDIn() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dims c, d = split(15)
          y[o] = W[o, c, d] * x[c, d]
        }
        """,
        SQUARE,
        """
        test.ein:4:23: x has 3 × 5 = 15 entries but d_in = 16; make the sizes multiply to d_in, or add 'allow padding' to pad or truncate by up to 15%
            y[o] = W[o, c, d] * x[c, d]
                                ^~~~~~~""");
  }

  @Test
  void acceptsPaddingWithinFifteenPercentOnly() {
    assertError(
        """
        structure s(d_in, d_out) {
          allow padding
          dim o = d_out
          dims c, d = split(12)
          y[o] = W[o, c, d] * x[c, d]
        }
        """,
        SQUARE,
        """
        test.ein:5:23: x has 3 × 4 = 12 entries, 25.0% away from d_in = 16; 'allow padding' accepts up to 15%
            y[o] = W[o, c, d] * x[c, d]
                                ^~~~~~~""");
  }

  @Test
  void rejectsYSizesThatDoNotMultiplyToDOut() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = 15
          dim i = d_in
          y[o] = W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:4:3: y has 15 = 15 entries but d_out = 16; make the sizes multiply to d_out, or add 'allow padding' to pad or truncate by up to 15%
            y[o] = W[o, i] * x[i]
            ^~~~""");
  }

  @Test
  void rejectsARoutedIndexThatIsNotABondBetweenConsecutiveFactors() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          dim e = 4
          y[o] = A[o, e] * B[o] * C[e, i] * x[i]
          route e top 2
        }
        """,
        SQUARE,
        """
        test.ein:6:9: routed index 'e' must be a bond between two consecutive factors of the chain (in exactly those two) or live in one factor (whose slices are the experts), not in x or y
            route e top 2
                  ^""");
  }

  @Test
  void rejectsATopLargerThanTheExperts() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          dim e = 4
          y[o] = A[o, e] * C[e, i] * x[i]
          route e top 5
        }
        """,
        SQUARE,
        """
        test.ein:6:15: top must be an integer from 1 to 4 (the size of 'e'), got 5
            route e top 5
                        ^""");
  }

  @Test
  void rejectsAnUnknownFunction() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = sqr(d_in) ^ 2
          y[o] = W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:3:11: unknown function 'sqr'; did you mean 'sqrt'? known: round, floor, ceil, sqrt, min, max, split
            dim i = sqr(d_in) ^ 2
                    ^~~""");
  }

  @Test
  void rejectsAWrongArgumentCount() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = round(d_in, 2)
          y[o] = W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:3:11: round() takes 1 argument, got 2
            dim i = round(d_in, 2)
                    ^~~~~~~~~~~~~~""");
  }

  @Test
  void rejectsAMissingParameterValue() {
    assertError(
        """
        structure s(d_in, d_out, rank) {
          dim o = d_out
          dim i = d_in
          dim r = rank
          y[o] = U[o, r] * V[r, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:1:26: missing parameter value: 'rank' has no default, so it must be given (e.g. -p rank=...)
          structure s(d_in, d_out, rank) {
                                   ^~~~""");
  }

  @Test
  void rejectsSplitOutsideDims() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = split(d_in)
          y[o] = W[o, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:3:11: split() gives several sizes, so it can only be the right side of 'dims', as in 'dims a, b = split(d_in)'
            dim i = split(d_in)
                    ^~~~~~~~~~~""");
  }

  @Test
  void rejectsASplitCountThatDoesNotMatchTheNames() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dims a, b = split(d_in, 3)
          y[o] = W[o, a, b] * x[a, b]
        }
        """,
        SQUARE,
        """
        test.ein:3:27: split(..., 3) must give one size per name, and 'dims' declares 2 names
            dims a, b = split(d_in, 3)
                                    ^""");
  }

  @Test
  void rejectsAnUndefinedNameWithSuggestion() {
    assertError(
        """
        structure s(d_in, d_out, rank = 2) {
          dim o = d_out
          dim i = d_in
          dim r = rnak
          y[o] = U[o, r] * V[r, i] * x[i]
        }
        """,
        SQUARE,
        """
        test.ein:4:11: 'rnak' is not defined here; did you mean 'rank'? defined: d_in, d_out, rank, o, i
            dim r = rnak
                    ^~~~""");
  }

  @Test
  void rejectsADuplicateDeclaration() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim o = d_in
          y[o] = W[o] * x[o]
        }
        """,
        SQUARE,
        """
        test.ein:3:7: 'o' is already declared as index at 2:7
            dim o = d_in
                ^""");
  }

  @Test
  void rejectsAStructureWithoutEquation() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
        }
        """,
        SQUARE,
        """
        test.ein:1:11: structure 's' has no equation; expected a line like 'y[o] = W[o, i] * x[i]'
          structure s(d_in, d_out) {
                    ^""");
  }

  @Test
  void rejectsAStructureWithoutWidths() {
    assertError(
        """
        structure s(n) {
          dim o = n
          y[o] = W[o] * x[o]
        }
        """,
        Map.of("n", 4),
        """
        test.ein:1:11: structure 's' must have the parameter 'd_in' (its input width d_in and output width d_out)
          structure s(n) {
                    ^""");
  }

  @Test
  void rejectsAnUnknownArgumentWithSuggestion() {
    assertError(
        """
        structure s(d_in, d_out, rank = 2) {
          dim o = d_out
          dim i = d_in
          dim r = rank
          y[o] = U[o, r] * V[r, i] * x[i]
        }
        """,
        Sources.args("d_in", 16, "d_out", 16, "ranc", 3),
        """
        <arguments>:1:18: structure 's' has no parameter 'ranc'; did you mean 'rank'? parameters: d_in, d_out, rank
          d_in=16 d_out=16 ranc=3
                           ^~~~~~""");
  }

  @Test
  void rejectsANonIntegerWidth() {
    assertError(
        """
        structure s(d_in, d_out) {
          dim o = d_out
          dim i = d_in
          y[o] = W[o, i] * x[i]
        }
        """,
        Sources.args("d_in", 16.5, "d_out", 16.0),
        """
        <arguments>:1:1: d_in must be a positive integer, got 16.5 (round it with round(), floor() or ceil())
          d_in=16.5 d_out=16
          ^~~~~~~~~""");
  }
}
