using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Smoothie.Benchmarks;

/// <summary>
/// <c>onnx-reader [rounds]</c>: the cases of <see cref="OnnxReaderCases"/> back to back in every round (so a busy machine
/// slows both sides alike), then per case the median time, the allocated bytes and the live bytes at the end of the case
/// (the parsed model and the decoded arrays, all of which are alive together when the last tensor is decoded, so this is
/// the managed peak above the model bytes). First checks that both sides find the same initializers, nodes and values.
/// </summary>
internal static class OnnxReaderComparison
{
    public static int Run(int rounds)
    {
        byte[] model = OnnxReaderCases.ModelBytes;
        Console.WriteLine($"model: {model.Length:N0} bytes; {rounds} rounds; {Environment.ProcessorCount} logical CPUs");
        if (!SidesAgree())
        {
            return 1;
        }

        var times = OnnxReaderCases.All.Select(_ => new List<double>()).ToArray();
        var allocated = new long[OnnxReaderCases.All.Count];
        var live = new long[OnnxReaderCases.All.Count];
        for (int round = 0; round < rounds + 1; round++)
        {
            for (int i = 0; i < OnnxReaderCases.All.Count; i++)
            {
                (double milliseconds, long allocatedBytes, long liveBytes) = Measure(OnnxReaderCases.All[i].Run);
                if (round == 0)
                {
                    continue; // warm-up round
                }

                times[i].Add(milliseconds);
                allocated[i] = Math.Max(allocated[i], allocatedBytes);
                live[i] = Math.Max(live[i], liveBytes);
            }
        }

        Console.WriteLine("| case | median ms | min–max ms | allocated MB | live at end MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int i = 0; i < OnnxReaderCases.All.Count; i++)
        {
            List<double> t = [.. times[i].Order()];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {OnnxReaderCases.All[i].Name} | {t[t.Count / 2]:F1} | {t[0]:F1}–{t[^1]:F1} | {allocated[i] / 1e6:F1} | {live[i] / 1e6:F1} |"));
        }

        return 0;
    }

    // Same element counts for every pair of cases and the same word-embedding values.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool SidesAgree()
    {
        for (int i = 0; i < OnnxReaderCases.All.Count; i += 2)
        {
            if (OnnxReaderCases.Elements(OnnxReaderCases.All[i].Run()) != OnnxReaderCases.Elements(OnnxReaderCases.All[i + 1].Run()))
            {
                Console.Error.WriteLine($"'{OnnxReaderCases.All[i].Name}' and its generated counterpart disagree.");
                return false;
            }
        }

        var ours = ((Smoothie.Embeddings.Readers.OnnxModelFile, float[]))OnnxReaderCases.OursWordEmbeddings();
        var generated = ((Onnx.ModelProto, float[]))OnnxReaderCases.GeneratedWordEmbeddings();
        bool same = ours.Item2.AsSpan().SequenceEqual(generated.Item2);
        Console.WriteLine($"both sides: same counts; word embeddings identical: {same}");
        return same;
    }

    // Not inlined, so that no reference to a case's result outlives this frame and inflates the next case's baseline.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (double Milliseconds, long Allocated, long Live) Measure(Func<object> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long liveBefore = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        object result = run();
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long live = GC.GetTotalMemory(forceFullCollection: true) - liveBefore;
        GC.KeepAlive(result);
        return (watch.Elapsed.TotalMilliseconds, allocated, live);
    }
}
