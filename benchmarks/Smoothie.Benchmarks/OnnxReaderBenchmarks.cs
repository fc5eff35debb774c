using BenchmarkDotNet.Attributes;

namespace Smoothie.Benchmarks;

/// <summary>
/// The library's ONNX reader against classes generated from <c>onnx.proto</c> (see <see cref="OnnxReaderCases"/>) under
/// BenchmarkDotNet: time and allocated bytes of parse only, parse + word embeddings (what <c>MiniLmEmbeddings.Load</c>
/// does) and parse + every float initializer (what <c>BertOnnxWeightImporter.Import</c> does). The model bytes are read
/// once in the set-up and are not counted. <c>onnx-reader [rounds]</c> (<see cref="OnnxReaderComparison"/>) runs the
/// same cases interleaved and adds the live memory.
/// </summary>
[MemoryDiagnoser]
public class OnnxReaderBenchmarks
{
    /// <summary>Reads the model bytes once.</summary>
    [GlobalSetup]
    public void Setup() => _ = OnnxReaderCases.ModelBytes;

    /// <summary>Parse with the library's reader.</summary>
    [Benchmark(Baseline = true)]
    public long ParseOurs() => OnnxReaderCases.Elements(OnnxReaderCases.OursParse());

    /// <summary>Parse with the generated classes.</summary>
    [Benchmark]
    public long ParseGenerated() => OnnxReaderCases.Elements(OnnxReaderCases.GeneratedParse());

    /// <summary>Parse and decode the word embeddings with the library's reader.</summary>
    [Benchmark]
    public long WordEmbeddingsOurs() => OnnxReaderCases.Elements(OnnxReaderCases.OursWordEmbeddings());

    /// <summary>Parse and decode the word embeddings with the generated classes.</summary>
    [Benchmark]
    public long WordEmbeddingsGenerated() => OnnxReaderCases.Elements(OnnxReaderCases.GeneratedWordEmbeddings());

    /// <summary>Parse and decode every float initializer with the library's reader.</summary>
    [Benchmark]
    public long EveryFloatOurs() => OnnxReaderCases.Elements(OnnxReaderCases.OursEveryFloat());

    /// <summary>Parse and decode every float initializer with the generated classes.</summary>
    [Benchmark]
    public long EveryFloatGenerated() => OnnxReaderCases.Elements(OnnxReaderCases.GeneratedEveryFloat());
}
