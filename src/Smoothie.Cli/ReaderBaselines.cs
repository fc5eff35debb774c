using Smoothie.Data;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Evaluation;
using Smoothie.Text.Baselines;

namespace Smoothie.Cli;

/// <summary>
/// What the score tables need from the training pairs: the word-lookup baseline learned from them and the training
/// targets' word list that "invented" is measured against.
/// </summary>
internal sealed record ReaderBaselines(WordLookupBaseline Lookup, TargetWordList TargetWords)
{
    /// <summary>Learns both from the training pairs the model was (or is) trained on.</summary>
    public static ReaderBaselines Learn(IReadOnlyList<Seq2SeqPair> train) => new(
        WordLookupBaseline.Learn(train.Select(p => p.Source).ToList(), train.Select(p => p.Target).ToList()),
        TargetWordList.FromTexts(train.Select(p => p.Target)));

    /// <summary>
    /// The baselines of a pipeline trained on <paramref name="train"/>: its own lookup and target word list (learned from
    /// the same pairs when it was trained), so they are not learned a second time; whatever it lacks is learned here.
    /// </summary>
    public static ReaderBaselines Of(SmoothiePipeline pipeline, IReadOnlyList<Seq2SeqPair> train) => new(
        pipeline.Lookup ?? WordLookupBaseline.Learn(train.Select(p => p.Source).ToList(), train.Select(p => p.Target).ToList()),
        pipeline.TargetWords ?? TargetWordList.FromTexts(train.Select(p => p.Target)));
}
