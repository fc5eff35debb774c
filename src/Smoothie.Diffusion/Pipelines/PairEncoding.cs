namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// What encoding training pairs did: how many pairs came in, how many were split into shorter pieces (their source
/// was longer than the model's source length), how many pieces resulted, and how many pieces were dropped because
/// their target did not fit (with why).
/// </summary>
/// <param name="Pairs">Pairs given.</param>
/// <param name="SplitPairs">Pairs whose source was split at clause or word boundaries.</param>
/// <param name="Rows">Training rows produced.</param>
/// <param name="DroppedRows">Pieces dropped because their target does not fit the target length.</param>
/// <param name="Sources">The source rows (full-vocabulary ids of the source length).</param>
/// <param name="Targets">The target rows (latent ids of the target length).</param>
internal sealed record PairEncoding(int Pairs, int SplitPairs, int Rows, int DroppedRows, IReadOnlyList<long[]> Sources, IReadOnlyList<long[]> Targets)
{
    /// <summary>One line for logs: what was split and dropped.</summary>
    public string Summary =>
        $"{Pairs:N0} pairs → {Rows:N0} rows ({SplitPairs:N0} long pairs split at clause/word boundaries; {DroppedRows:N0} pieces dropped because their target does not fit the target length).";
}
