namespace Smoothie.Samples.WebApi;

/// <summary>The answer of <c>POST /generate</c>.</summary>
/// <param name="Output">The generated text.</param>
/// <param name="UnknownTokenShare">
/// The share of the input's tokens unknown to the model's vocabulary (<c>[UNK]</c>), in [0, 1]; above about 0.2 the output
/// is not meaningful.
/// </param>
/// <param name="OutsideVocabularyShare">The share of the input's tokens outside the words the model writes with (its sub-vocabulary), in [0, 1].</param>
public sealed record GenerateResponse(string Output, double UnknownTokenShare, double OutsideVocabularyShare);
