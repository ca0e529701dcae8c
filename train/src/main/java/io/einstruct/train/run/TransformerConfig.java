package io.einstruct.train.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/**
 * The transformer settings of a run ({@code vit} and {@code gpt} models); ignored by the MLP.
 *
 * @param heads attention heads; they must divide the width and the base width
 * @param patch the ViT's patch side (0: a quarter of the image side, 16 patches)
 * @param attention the structure of q, k, v and the attention output: {@code same} (the model's
 *     structure, with its parameters), or a built-in name or {@code .ein} path with {@code
 *     attentionParams}
 * @param attentionParams the attention structure's parameters as {@code NAME=VALUE}
 * @param experts E for a standard mixture of whole-FFN experts (0: none)
 * @param top k, the experts each token uses
 * @param attnScaleC c of the attention logits' scale c/d_head (null: √(d0/heads), as configurations
 *     written before it existed)
 * @param dHead a fixed head width: heads = attention width / d_head at every width, and {@code
 *     heads} is ignored (null: a fixed number of heads)
 * @param depthScaling whether each residual branch is multiplied by √(3/L) (einsum-search's
 *     depth-μP; null: no)
 * @param attnWidth the width of q, k and v when decoupled from the model width (null: the model
 *     width)
 *     <p>Fields added after the first format are left out of the JSON when null.
 */
public record TransformerConfig(
    int heads,
    int patch,
    String attention,
    List<String> attentionParams,
    int experts,
    int top,
    @JsonInclude(Include.NON_NULL) Double attnScaleC,
    @JsonInclude(Include.NON_NULL) Integer dHead,
    @JsonInclude(Include.NON_NULL) Boolean depthScaling,
    @JsonInclude(Include.NON_NULL) Integer attnWidth) {
  public TransformerConfig {
    attention = attention == null || attention.isBlank() ? "same" : attention;
    attentionParams = attentionParams == null ? List.of() : List.copyOf(attentionParams);
  }

  /** Settings without those added after the first format. */
  public TransformerConfig(
      int heads, int patch, String attention, List<String> attentionParams, int experts, int top) {
    this(heads, patch, attention, attentionParams, experts, top, null, null, null, null);
  }

  /** Four heads, automatic patches, attention like the FFN, no MoE. */
  public static TransformerConfig defaults() {
    return new TransformerConfig(4, 0, "same", List.of(), 0, 2);
  }
}
