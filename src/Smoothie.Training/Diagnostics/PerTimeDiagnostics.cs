using Smoothie.Sampling;
using Smoothie.Models.Denoising;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Checkpoints;
using Smoothie.Runtime.Files;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Training.Diagnostics;

/// <summary>
/// The per-t diagnostic curves of the reference implementation: for a fixed batch and a grid of times, the loss, the
/// token accuracy of the prediction and the mean probability of the true token in x_t. Written as CSV, JSON and PNG.
/// </summary>
public static class PerTimeDiagnostics
{
    /// <summary>The default time grid: 0.05, 0.15, …, 0.95.</summary>
    public static IReadOnlyList<double> DefaultTimes { get; } = Enumerable.Range(0, 10).Select(i => 0.05 + (0.1 * i)).ToArray();

    /// <summary>Computes the curves (no gradients; the caller chooses the weights, e.g. EMA, and the seed).</summary>
    /// <param name="network">The denoiser.</param>
    /// <param name="space">The latent space.</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="batch">A batch with target ids.</param>
    /// <param name="times">Times to evaluate; null for <see cref="DefaultTimes"/>.</param>
    /// <param name="targetPadId">Target padding id.</param>
    public static IReadOnlyList<PerTimeDiagnostic> Compute(IDenoiserNetwork network, ILatentSpace space, INoiseSchedule schedule, Seq2SeqBatch batch, IReadOnlyList<double>? times = null, long targetPadId = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(batch);
        Tensor ids = batch.TargetIds ?? throw new ArgumentException("The batch needs target ids.", nameof(batch));
        var loss = new DiffusionLoss(space, schedule, new TrainingOptions());
        bool wasTraining = network.Module.training;
        network.Module.eval();
        using var noGrad = no_grad();
        var rows = new List<PerTimeDiagnostic>();
        try
        {
            foreach (double time in times ?? DefaultTimes)
            {
                using var scope = NewDisposeScope();
                Tensor t = full(ids.shape[0], time, dtype: ScalarType.Float32, device: ids.device);
                Tensor noisy = loss.Corrupt(ids, t);
                Tensor prediction = network.Predict(space.DenoiserInput(noisy, schedule.Mu(t), schedule.Std(t)), t, batch.SourceIds, batch.SourceMask, null);
                double value = loss.Loss(prediction, ids, targetPadId).item<float>();
                double accuracy = space.Decode(prediction).eq(ids).to(ScalarType.Float32).mean().item<float>();
                rows.Add(new PerTimeDiagnostic(time, value, accuracy, TrueTokenProbability(space, noisy, ids)));
            }
        }
        finally
        {
            network.Module.train(wasTraining);
        }

        return rows;
    }

    /// <summary>Writes <c>{name}.csv</c>, <c>{name}.json</c> and <c>{name}.png</c> (accuracy and true-token probability; loss scaled to its maximum) into a folder.</summary>
    /// <param name="directory">The folder (created).</param>
    /// <param name="name">The file stem, e.g. <c>step-000500</c>.</param>
    /// <param name="rows">The curves.</param>
    public static void Write(string directory, string name, IReadOnlyList<PerTimeDiagnostic> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(rows);
        Directory.CreateDirectory(directory);
        var csv = new StringBuilder("t,loss,accuracy,true_token_probability\n");
        foreach (PerTimeDiagnostic r in rows)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{r.Time:0.###},{r.Loss:G6},{r.Accuracy:G6},{r.TrueTokenProbability:G6}\n"));
        }

        AtomicFile.WriteAllText(Path.Combine(directory, name + ".csv"), csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(directory, name + ".json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        if (rows.Count >= 2)
        {
            double maxLoss = Math.Max(rows.Max(r => r.Loss), 1e-12);
            LinePlotPng.Write(
                Path.Combine(directory, name + ".png"),
                rows.Select(r => r.Time).ToArray(),
                [rows.Select(r => r.Accuracy).ToArray(), rows.Select(r => r.TrueTokenProbability).ToArray(), rows.Select(r => r.Loss / maxLoss).ToArray()],
                0,
                1);
        }
    }

    private static double TrueTokenProbability(ILatentSpace space, Tensor noisy, Tensor ids)
    {
        Tensor logits = space.LatentDimension == space.InputDimension && space is LatentSpaceBase b
            ? b.Embeddings.ScaledNegativeSquaredDistances(noisy, sigma: 1.0)
            : noisy;
        return logits.log_softmax(-1).gather(-1, ids.unsqueeze(-1)).exp().mean().item<float>();
    }
}
