using BenchmarkDotNet.Running;
using Smoothie.Benchmarks;

// Modes:
//   (default)            BenchmarkDotNet; e.g. --filter '*'  (add --quick for the short job)
//   memory [training]    peak RSS of one sampling step / O(V) ops, chunked vs unchunked (one child process per case)
//   topk-error           error of the top-k approximation of softmax(x_t)·E on MiniLM embeddings
//   subvocab-check       same outputs for in-vocabulary tokens with the Bible sub-vocabulary
//   ratios [rounds]      GEMM and every case back to back per round: load-robust % of GEMM and new/legacy ratios
//   profile [rounds]     where the time of one Tiny training step and one sampling step goes, per phase, with rates
//   scaling [dir]        (scaling replot DIR: redraw the plots from DIR/scaling.csv) step time and peak memory vs V, length, batch, preset; generation vs inputs and steps (tables, fits, plots)
//   dropout [rounds]     the Tiny training step with libtorch's Bernoulli dropout, the uniform-mask dropout, no attention dropout, no dropout (interleaved)
//   threads              libtorch thread counts and a GEMM on 1 vs all threads
//   generate             one timed generation (--generation-steps N, default 200)
//   onnx-reader [rounds] the library's ONNX reader vs classes generated from onnx.proto, interleaved: time, allocated, live memory
//   --thp                 set THP_MEM_ALLOC_ENABLE=1 (libtorch huge-page allocations) for this run
//   ab-thp <bdn args>    the same benchmarks with THP_MEM_ALLOC_ENABLE=0 and =1 (child processes)
var argList = args.ToList();
if (argList.Remove("--thp"))
{
    HugePages.Enable();
}

BenchmarkConfig.Quick = argList.Remove("--quick");
int stepsIndex = argList.IndexOf("--generation-steps");
if (stepsIndex >= 0)
{
    GenerationBenchmarks.StepsFromCommandLine = int.Parse(argList[stepsIndex + 1], System.Globalization.CultureInfo.InvariantCulture);
    argList.RemoveRange(stepsIndex, 2);
}

string mode = argList.Count > 0 && !argList[0].StartsWith('-') ? argList[0] : "bench";
switch (mode)
{
    case "memory":
        return MemoryProbe.Run(argList.Skip(1).ToArray());
    case "topk-error":
        return TopKErrorReport.Run();
    case "subvocab-check":
        return SubVocabularyCheck.Run();
    case "ab-thp":
        return HugePages.CompareOffOn(argList.Skip(1).ToArray());
    case "ratios":
        return InterleavedRatios.Run(argList.Count > 1 ? int.Parse(argList[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
    case "scaling":
        return ScalingSweep.Run(argList.Skip(1).ToArray());
    case "profile":
        return StepProfile.Run(argList.Count > 1 ? int.Parse(argList[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    case "dropout":
        return DropoutComparison.Run(argList.Count > 1 ? int.Parse(argList[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
    case "threads":
        return ThreadSettings.Report();
    case "onnx-reader":
        return OnnxReaderComparison.Run(argList.Count > 1 ? int.Parse(argList[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
    case "generate":
        return GenerationBenchmarks.TimeOnce(GenerationBenchmarks.StepsFromCommandLine ?? 200);
}

ThreadSettings.Apply();
Console.WriteLine($"{HugePages.Variable}={HugePages.State}; torch intra-op threads {TorchSharp.torch.get_num_threads()}");

// The GEMM reference always runs in the same (joined) summary so the "% of GEMM" column can be computed.
int filterIndex = argList.IndexOf("--filter");
if (filterIndex >= 0 && !argList.Skip(filterIndex + 1).TakeWhile(a => !a.StartsWith('-')).Any(a => a == "*"))
{
    argList.InsertRange(filterIndex + 1, ["*GemmBenchmarks.Reference*", "*GemmBenchmarks.Peak*"]);
}

BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(argList.ToArray(), BenchmarkConfig.Create());
return 0;
