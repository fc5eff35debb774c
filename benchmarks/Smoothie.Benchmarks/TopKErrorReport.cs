using System.Diagnostics;
using System.Globalization;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// Error of <see cref="VocabularyOps.SoftmaxMixTopK"/> against the exact <see cref="VocabularyOps.SoftmaxMix"/> on
/// real-shaped data: MiniLM E (V = 30,522), 4,096 Bible target tokens, x_t of the Arctan schedule (δ = 1) at several t.
/// </summary>
internal static class TopKErrorReport
{
    public static int Run()
    {
        ThreadSettings.Apply();
        var bible = BibleWorkload.Instance;
        var e = bible.Full;
        long[] ids = bible.FullTargets.SelectMany(r => r).Take(Workloads.Rows).ToArray();
        var space = new DistanceLatentSpace(e, sigmaMin: ArctanParameters.Paper.SigmaMin);
        var schedule = new ArctanSchedule();
        using var scope = NewDisposeScope();
        Tensor x0 = space.CleanLatent(tensor(ids).view(64, -1));
        Console.WriteLine("| t | k | rel. error ‖approx − exact‖/‖exact‖ (mean over rows) | nearest token of the mix unchanged | exact ms | top-k ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (double t in new[] { 0.05, 0.2, 0.4, 0.6, 0.8, 0.95 })
        {
            using var inner = NewDisposeScope();
            using var generator = new Generator(5);
            Tensor xt = ForwardProcess.AddNoise(x0, schedule.Mu(t), schedule.Std(t), generator);
            var clock = Stopwatch.StartNew();
            Tensor exact = VocabularyOps.SoftmaxMix(xt, e);
            double exactMs = clock.Elapsed.TotalMilliseconds;
            Tensor exactTokens = VocabularyOps.NearestTokens(exact, e);
            foreach (int k in new[] { 16, 64, 256, 1024 })
            {
                clock.Restart();
                Tensor approx = VocabularyOps.SoftmaxMixTopK(xt, e, k);
                double approxMs = clock.Elapsed.TotalMilliseconds;
                double rel = ((approx - exact).norm(-1) / exact.norm(-1).clamp_min(1e-12)).mean().item<float>();
                double same = VocabularyOps.NearestTokens(approx, e).eq(exactTokens).to(ScalarType.Float32).mean().item<float>();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {t} | {k} | {rel:G3} | {100 * same:F1}% | {exactMs:F0} | {approxMs:F0} |"));
            }
        }

        return 0;
    }
}
