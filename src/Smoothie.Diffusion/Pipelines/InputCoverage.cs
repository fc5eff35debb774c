namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// How much of one input the model can represent (<see cref="SmoothiePipeline.Coverage"/>): of the input's content
/// tokens, how many the tokenizer could not represent at all (<c>[UNK]</c>: the text is lost before the model sees it),
/// and how many are known to the tokenizer but lie outside the sub-vocabulary the model writes with (it reads them but
/// cannot write them; a model trained on one domain meets many in another script or language). The two counts are
/// disjoint. Inputs far from the training data are reported here so applications can warn instead of returning
/// confident-looking noise.
/// </summary>
/// <param name="Tokens">Content tokens of the input (special tokens excluded; 0 for an empty input).</param>
/// <param name="UnknownTokens">Tokens the codec maps to its unknown token (<c>[UNK]</c>); always 0 for codecs without one (byte-level BPE).</param>
/// <param name="OutsideVocabularyTokens">
/// Known tokens that are not in the pipeline's <see cref="SmoothiePipeline.SubVocabulary"/> (0 when the model writes with
/// the full vocabulary). Words the model was trained to rewrite, such as archaic words of the sources, are among them too.
/// </param>
public sealed record InputCoverage(int Tokens, int UnknownTokens, int OutsideVocabularyTokens)
{
    /// <summary>
    /// The share of the input's tokens that are unknown to the model's vocabulary (<c>[UNK]</c>), in [0, 1]; 0 for an
    /// empty input.
    /// </summary>
    public double UnknownTokenShare => Tokens == 0 ? 0 : (double)UnknownTokens / Tokens;

    /// <summary>The share of the input's tokens outside the sub-vocabulary the model writes with, in [0, 1]; 0 for an empty input.</summary>
    public double OutsideVocabularyShare => Tokens == 0 ? 0 : (double)OutsideVocabularyTokens / Tokens;
}
