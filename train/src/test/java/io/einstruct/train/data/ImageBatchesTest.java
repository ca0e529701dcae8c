package io.einstruct.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBatchesTest {
  @TempDir Path dir;

  private Split split() throws IOException {
    return ImageDatasets.idx("tiny", TinyData.mnistLike(dir, 40, 10, 7));
  }

  @Test
  void batchesArePureFunctionsOfEpochAndIndex() throws IOException {
    Augmentation aug = new Augmentation(2, true, 0.5, 0.1, true);
    ImageBatches a = new ImageBatches(split(), 8, 42, aug);
    ImageBatches b = new ImageBatches(split(), 8, 42, aug);
    assertThat(a.batchesPerEpoch()).isEqualTo(5);
    Batch first = a.batch(3, 2);
    assertThat(b.batch(3, 2).inputs()).containsExactly(first.inputs());
    assertThat(b.batch(3, 2).targets()).containsExactly(first.targets());
    assertThat(a.batch(4, 2).inputs()).isNotEqualTo(first.inputs());
    assertThat(new ImageBatches(split(), 8, 43, aug).batch(3, 2).inputs())
        .isNotEqualTo(first.inputs());
  }

  @Test
  void anEpochVisitsEveryExampleOnce() throws IOException {
    ImageBatches batches = new ImageBatches(split(), 10, 1, Augmentation.none());
    double[] seen = new double[4];
    for (int i = 0; i < batches.batchesPerEpoch(); i++) {
      Batch b = batches.batch(0, i);
      for (int n = 0; n < b.size(); n++) {
        for (int k = 0; k < 4; k++) {
          seen[k] += b.targets()[n * 4 + k];
        }
      }
    }
    double[] expected = new double[4];
    for (int label : split().train().labels()) {
      expected[label]++;
    }
    assertThat(seen).containsExactly(expected);
  }

  @Test
  void smoothsAndMixesTargetsIntoDistributions() throws IOException {
    ImageBatches smooth =
        new ImageBatches(split(), 8, 1, new Augmentation(0, false, 0, 0.2, false));
    float[] t = smooth.batch(0, 0).targets();
    float[] row = Arrays.copyOfRange(t, 0, 4);
    Arrays.sort(row);
    assertThat(row[0]).isCloseTo(0.05f, within(1e-6f));
    assertThat(row[3]).isCloseTo(0.85f, within(1e-6f));
    ImageBatches mixed = new ImageBatches(split(), 8, 1, new Augmentation(0, false, 1.0, 0, false));
    float[] m = mixed.batch(0, 0).targets();
    for (int n = 0; n < 8; n++) {
      float sum = 0;
      for (int k = 0; k < 4; k++) {
        assertThat(m[n * 4 + k]).isBetween(0f, 1f);
        sum += m[n * 4 + k];
      }
      assertThat(sum).isCloseTo(1f, within(1e-5f));
    }
  }

  @Test
  void permutesPixelsWithOneFixedBijection() throws IOException {
    Split s = split();
    float[] plain = new ImageBatches(s, 8, 5, Augmentation.none()).test(8).get(0).inputs();
    float[] permuted =
        new ImageBatches(s, 8, 5, new Augmentation(0, false, 0, 0, true)).test(8).get(0).inputs();
    assertThat(permuted).isNotEqualTo(plain);
    float[] a = Arrays.copyOfRange(plain, 0, 64);
    float[] b = Arrays.copyOfRange(permuted, 0, 64);
    Arrays.sort(a);
    Arrays.sort(b);
    assertThat(b).containsExactly(a);
  }

  @Test
  void testSetIsNormalisedWithTrainingStatistics() throws IOException {
    Split s = split();
    Batch test = new ImageBatches(s, 8, 5, Augmentation.none()).test(100).get(0);
    assertThat(test.size()).isEqualTo(10);
    int pixel = s.test().pixels()[0] & 0xff;
    float expected = (float) ((pixel / 255.0 - s.train().mean()[0]) / s.train().std()[0]);
    assertThat(test.inputs()[0]).isCloseTo(expected, within(1e-5f));
  }
}
