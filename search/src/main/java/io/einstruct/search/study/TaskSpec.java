package io.einstruct.search.study;

import java.util.List;
import java.util.Map;

/**
 * What every trial of a study trains: the model, data and optimiser settings they share. Absent
 * values take the {@code einstruct train} defaults.
 *
 * @param model {@code mlp}, {@code vit} or {@code gpt}
 * @param data as {@code --data}
 * @param epochs epochs per trial
 * @param steps steps per trial, overriding epochs
 * @param batch batch size
 * @param lr base learning rate (a study may sweep {@code lrs} instead)
 * @param seeds seeds; every configuration runs once per seed
 * @param depth residual blocks
 * @param expansion block expansion
 * @param d0 μP base width
 * @param inputStructure {@code auto}, {@code dense} or {@code same}
 * @param optimizer {@code adam} or {@code adamw}
 * @param weightDecay AdamW's decoupled decay
 * @param schedule {@code cosine} or {@code constant}
 * @param warmup warm-up steps
 * @param clip gradient-norm clip
 * @param inputLrMult the input layer's extra rate factor
 * @param weightNorm cap factor RMS at the μP scale
 * @param naiveLr κ = 1 for every factor
 * @param lowering {@code einsum} or {@code bmm}
 * @param crop random-crop padding
 * @param flip random horizontal flips
 * @param mixup MixUp α
 * @param labelSmoothing label smoothing
 * @param permutePixels one fixed pixel permutation
 * @param evalEvery steps between evaluations (each is a point of the scaling-law fit)
 * @param threads intra-op threads per worker (default: every core)
 * @param interThreads inter-op threads per worker (default: {@code threads}, else every core)
 * @param teacherWidth width of the teacher network (teacher task only)
 * @param teacherDepth hidden layers of the teacher network (teacher task only)
 * @param heads transformers: attention heads
 * @param patch ViT: patch side (0: a quarter of the image side)
 * @param context GPT: tokens per example
 * @param attention transformers: structure of the attention projections ({@code same} or a
 *     built-in)
 * @param experts transformers: whole-FFN experts per block (0: none)
 * @param top transformers: experts per token
 * @param baseExpansion FFN expansion of the μP base model (default: 1 for gpt, else the expansion)
 * @param attnScaleC transformers: logits scaled by c/d_head (default 8)
 * @param dHead transformers: a fixed head width, heads = attention width / d_head
 * @param attnWidth transformers: the width of q, k and v (default: the model width)
 * @param depthScaling transformers: residual branches × √(3/depth) (default: on for gpt)
 * @param weightNormScope {@code structured} (default) or {@code all}
 * @param weightNormGain learnable gains of normalised factors (default: on)
 * @param headStructure the head's structure, a built-in or a {@code .ein} file beside the study
 *     (default: dense)
 * @param headParams the head structure's parameters
 * @param finalLrFrac where cosine decay ends, as a fraction of the peak (default: 0.1 for gpt, else
 *     0)
 */
public record TaskSpec(
    String model,
    String data,
    Integer epochs,
    Long steps,
    Integer batch,
    Double lr,
    List<Long> seeds,
    Integer depth,
    Integer expansion,
    Integer d0,
    String inputStructure,
    String optimizer,
    Double weightDecay,
    String schedule,
    Long warmup,
    Double clip,
    Double inputLrMult,
    Boolean weightNorm,
    Boolean naiveLr,
    String lowering,
    Integer crop,
    Boolean flip,
    Double mixup,
    Double labelSmoothing,
    Boolean permutePixels,
    Long evalEvery,
    Integer threads,
    Integer interThreads,
    Integer teacherWidth,
    Integer teacherDepth,
    Integer heads,
    Integer patch,
    Integer context,
    String attention,
    Integer experts,
    Integer top,
    Integer baseExpansion,
    Double attnScaleC,
    Integer dHead,
    Integer attnWidth,
    Boolean depthScaling,
    String weightNormScope,
    Boolean weightNormGain,
    String headStructure,
    Map<String, Object> headParams,
    Double finalLrFrac) {}
