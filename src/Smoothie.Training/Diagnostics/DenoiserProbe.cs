using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Sampling;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Training.Diagnostics;

/// <summary>
/// Where a denoiser's training signal goes: on a fixed batch and a grid of times, the loss and token accuracy of its
/// prediction split into target content and padding, the same with every row given another row's source (does the
/// model read its source?), the share of the single most frequent predicted token (does it fall back on a hub token?),
/// and the loss and accuracy by target position (does it learn the padding and nothing else?).
/// </summary>
public static class DenoiserProbe
{
    /// <summary>Probes a denoiser (no gradients, eval mode; the caller chooses the weights, e.g. EMA).</summary>
    /// <param name="network">The denoiser.</param>
    /// <param name="space">The latent space.</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="batch">A batch with target ids (and sources for a conditional model).</param>
    /// <param name="targetPadId">The target padding id (in the latent vocabulary).</param>
    /// <param name="times">Times in (0, 1] to probe; null for <see cref="PerTimeDiagnostics.DefaultTimes"/>.</param>
    /// <param name="seed">Seeds the noise of each time (the same noise with the true and the rotated sources).</param>
    /// <returns>The curves by time and by position.</returns>
    /// <exception cref="ArgumentException">The batch has no target ids, or a time is outside (0, 1].</exception>
    public static DenoiserProbeReport Run(IDenoiserNetwork network, ILatentSpace space, INoiseSchedule schedule, Seq2SeqBatch batch, long targetPadId, IReadOnlyList<double>? times = null, long seed = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(batch);
        Tensor ids = batch.TargetIds ?? throw new ArgumentException("The batch needs target ids.", nameof(batch));
        IReadOnlyList<double> grid = times ?? PerTimeDiagnostics.DefaultTimes;
        if (grid.Count == 0 || grid.Any(t => !(t > 0 && t <= 1)))
        {
            throw new ArgumentException($"Probe times must be in (0, 1]; got [{string.Join(", ", grid)}].", nameof(times));
        }

        var loss = new DiffusionLoss(space, schedule, new TrainingOptions());
        bool wasTraining = network.Module.training;
        network.Module.eval();
        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        Tensor padding = ids.eq(targetPadId).to(ScalarType.Float32);
        Tensor content = padding.neg().add(1);
        (Tensor? rotatedIds, Tensor? rotatedMask) = Rotated(batch);
        var accumulator = new PositionAccumulator(padding, content);
        var rows = new List<ProbeTimeRow>(grid.Count);
        try
        {
            foreach (double time in grid)
            {
                using var scope = NewDisposeScope();
                manual_seed(seed);
                Tensor t = full(ids.shape[0], time, dtype: ScalarType.Float32, device: ids.device);
                Tensor input = space.DenoiserInput(loss.Corrupt(ids, t), schedule.Mu(t), schedule.Std(t));
                Tensor prediction = network.Predict(input, t, batch.SourceIds, batch.SourceMask, null);
                Tensor perPosition = loss.PerPositionLoss(prediction, ids);
                Tensor decoded = space.Decode(prediction);
                Tensor hits = decoded.eq(ids).to(ScalarType.Float32);
                accumulator.Add(perPosition, hits);

                (double shuffledLoss, double shuffledAccuracy) = rotatedIds is null
                    ? (double.NaN, double.NaN)
                    : ContentScores(loss, space, network.Predict(input, t, rotatedIds, rotatedMask, null), ids, content);
                (long topToken, double topShare) = TopToken(decoded, content);
                rows.Add(new ProbeTimeRow(
                    time,
                    MaskedMean(perPosition, content),
                    MaskedMean(perPosition, padding),
                    MaskedMean(hits, content),
                    MaskedMean(hits, padding),
                    shuffledLoss,
                    shuffledAccuracy,
                    topShare,
                    topToken));
            }
        }
        finally
        {
            network.Module.train(wasTraining);
        }

        return new DenoiserProbeReport(rows, accumulator.Rows(grid.Count), padding.mean().item<float>());
    }

    private static (Tensor? Ids, Tensor? Mask) Rotated(Seq2SeqBatch batch)
    {
        if (batch.SourceIds is null || batch.SourceIds.shape[0] < 2)
        {
            return (null, null);
        }

        return (batch.SourceIds.roll(1, 0), batch.SourceMask?.roll(1, 0));
    }

    private static (double Loss, double Accuracy) ContentScores(DiffusionLoss loss, ILatentSpace space, Tensor prediction, Tensor ids, Tensor content) =>
        (MaskedMean(loss.PerPositionLoss(prediction, ids), content), MaskedMean(space.Decode(prediction).eq(ids).to(ScalarType.Float32), content));

    private static double MaskedMean(Tensor values, Tensor mask)
    {
        double count = mask.sum().item<float>();
        return count == 0 ? double.NaN : (values.to(ScalarType.Float32) * mask).sum().item<float>() / count;
    }

    private static (long Token, double Share) TopToken(Tensor decoded, Tensor content)
    {
        Tensor predicted = decoded.masked_select(content.to(ScalarType.Bool));
        if (predicted.numel() == 0)
        {
            return (-1, double.NaN);
        }

        Tensor counts = predicted.bincount(null);
        Tensor top = counts.argmax();
        return (top.item<long>(), counts[top].item<long>() / (double)predicted.numel());
    }

    /// <summary>Sums the per-position loss and hits over the probed times.</summary>
    private sealed class PositionAccumulator(Tensor padding, Tensor content)
    {
        private readonly double[] padShare = Column(padding.mean([0]));
        private readonly double[] contentCount = Column(content.sum([0]));
        private readonly double[] padCount = Column(padding.sum([0]));
        private readonly double[] loss = new double[padding.shape[1]];
        private readonly double[] contentHits = new double[padding.shape[1]];
        private readonly double[] padHits = new double[padding.shape[1]];

        public void Add(Tensor perPosition, Tensor hits)
        {
            AddTo(loss, Column(perPosition.to(ScalarType.Float32).mean([0])));
            AddTo(contentHits, Column((hits * content).sum([0])));
            AddTo(padHits, Column((hits * padding).sum([0])));
        }

        public IReadOnlyList<ProbePositionRow> Rows(int times) => Enumerable.Range(0, loss.Length)
            .Select(p => new ProbePositionRow(
                p,
                padShare[p],
                loss[p] / times,
                contentCount[p] == 0 ? double.NaN : contentHits[p] / (contentCount[p] * times),
                padCount[p] == 0 ? double.NaN : padHits[p] / (padCount[p] * times)))
            .ToArray();

        private static double[] Column(Tensor values) => values.to(ScalarType.Float64).cpu().data<double>().ToArray();

        private static void AddTo(double[] sum, double[] values)
        {
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += values[i];
            }
        }
    }
}
