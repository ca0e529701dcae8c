package io.einstruct.train.model;

import io.einstruct.dsl.EinError;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.data.ImageShape;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.SessionOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A vision transformer (lucidrains-style, as in compute-better-spent): the image cut into {@code
 * patch}×{@code patch} patches, each LN → linear → LN to width d; a class token and learned
 * positions (N(0, 1), at the base rate) added; pre-LN {@link TransformerBody blocks}; a final
 * LayerNorm; the class token's state into a dense, zero-initialised head.
 *
 * @param image the images' geometry (channel-major features)
 * @param classes outputs
 * @param patch the patch side, dividing the image's height and width
 * @param body the blocks
 * @param patchStructure the structure of the patch embedding
 * @param head the structure of the head (dense)
 * @param patchLrMultiplier extra rate factor of the patch embedding (1 in the paper's ViTs)
 */
public record VitSpec(
    ImageShape image,
    int classes,
    int patch,
    TransformerBody body,
    StructureChoice patchStructure,
    StructureChoice head,
    double patchLrMultiplier)
    implements ModelSpec {
  public VitSpec {
    if (patch < 1 || image.height() % patch != 0 || image.width() % patch != 0) {
      throw EinError.setting(
          "patch",
          "patches of "
              + patch
              + " do not tile "
              + image.height()
              + "×"
              + image.width()
              + " images; use a divisor of both sides");
    }
  }

  /** Patches per image. */
  public int patches() {
    return (image.height() / patch) * (image.width() / patch);
  }

  /** Values per patch, patch² × channels. */
  public int patchDim() {
    return patch * patch * image.channels();
  }

  /** Positions per image: the patches and the class token. */
  public int tokens() {
    return patches() + 1;
  }

  /** The patch embedding, the blocks' layers and the head, in order. */
  @Override
  public List<LayerPlan> layers() {
    List<LayerPlan> layers = new ArrayList<>();
    layers.add(patchLayer());
    layers.addAll(body.layers());
    layers.add(headLayer());
    return layers;
  }

  LayerPlan patchLayer() {
    return new LayerPlan(
        "patch",
        patchStructure.bind("patch", patchDim(), body.width()),
        false,
        1.0,
        patchLrMultiplier,
        true,
        1.0);
  }

  LayerPlan headLayer() {
    int d = body.width();
    return new LayerPlan(
        "head", head.bind("head", d, classes), true, (double) body.baseWidth() / d, 1.0, true, 1.0);
  }

  @Override
  public ModelInfo info(WeightNormOptions weightNorm) {
    int d = body.width();
    LayerPlan patchLayer = patchLayer();
    LayerPlan headLayer = headLayer();
    List<LayerInfo> infos = new ArrayList<>();
    infos.add(patchLayer.info());
    infos.addAll(body.infos());
    infos.add(headLayer.info());
    long params =
        patchLayer.params(weightNorm)
            + 2L * patchDim()
            + 2L * d
            + d
            + (long) tokens() * d
            + body.params(weightNorm)
            + 2L * d
            + headLayer.params(weightNorm);
    long macs =
        patchLayer.info().macs() * patches() + body.macs(tokens()) + headLayer.info().macs();
    return new ModelInfo(params, macs, tokens(), infos, headLayer.info().macs());
  }

  @Override
  public Model build(CompileOptions options, AdamConfig adam, int batch, SessionOptions session) {
    return VitBuilder.build(this, options, adam, batch, session);
  }
}
