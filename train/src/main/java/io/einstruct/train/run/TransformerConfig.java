package io.einstruct.train.run;

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
 */
public record TransformerConfig(
    int heads, int patch, String attention, List<String> attentionParams, int experts, int top) {
  public TransformerConfig {
    attention = attention == null || attention.isBlank() ? "same" : attention;
    attentionParams = attentionParams == null ? List.of() : List.copyOf(attentionParams);
  }

  /** Four heads, automatic patches, attention like the FFN, no MoE. */
  public static TransformerConfig defaults() {
    return new TransformerConfig(4, 0, "same", List.of(), 0, 2);
  }
}
