using Microsoft.ML.OnnxRuntime;
using Smoothie.Embeddings;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Smoothie.Embeddings.MiniLM.Tests;

/// <summary>
/// The MiniLM-initialised condition encoder, run in TorchSharp, against ONNX Runtime's <c>last_hidden_state</c> of the
/// original all-MiniLM-L6-v2 graph.
/// </summary>
public sealed class OnnxLastHiddenStateTests(ITestOutputHelper output)
{
    private static readonly string[] Sentences =
    [
        "In the beginning God created the heavens and the earth.",
        "And the earth was without form, and void; and darkness was upon the face of the deep.",
        "Jesus wept.",
    ];

    private const int ClsId = 101;
    private const int SepId = 102;
    private const int PadId = 0;

    [Theory]
    [InlineData(EmbeddingNormalization.Total)]
    [InlineData(EmbeddingNormalization.None)]
    public void ConditionEncoderReproducesOnnxLastHiddenState(EmbeddingNormalization normalization)
    {
        (long[] ids, bool[] mask, int batch, int length) = Encode();
        float[] reference = RunOnnx(ids, mask, batch, length);

        using var matrix = EmbeddingMatrix.FromTokenEmbeddings(MiniLmEmbeddings.Load(), new EmbeddingMatrixOptions { Normalization = normalization });
        DenoiserConfig config = MiniLmInitializer.WithSourceDenormalization(ModelPreset.SmallPretrained with { MaxSourceLength = 32 }, matrix);
        Assert.Equal(normalization != EmbeddingNormalization.None, config.HasSourceEmbeddingDenormalization);
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = MiniLmTestModels.Build(config);
        MiniLmInitializer.InitializeConditionEncoder(model, sourceEmbeddings: matrix, weights: MiniLmTestModels.Weights);
        model.eval();

        Tensor idsTensor = tensor(ids, [batch, length]);
        Tensor maskTensor = tensor(mask, [batch, length]);
        Tensor expected = tensor(reference, [batch, length, MiniLmBertWeights.Hidden]);
        Tensor actual;
        using (no_grad())
        {
            actual = MiniLmTestModels.ConditionEncoderOf(model).forward(idsTensor, maskTensor, matrix.Weights);
        }

        Tensor difference = (actual - expected).abs();
        float realMax = difference.masked_select(maskTensor.unsqueeze(-1).expand_as(difference)).max().item<float>();
        float allMax = difference.max().item<float>();
        output.WriteLine($"{normalization}: max |TorchSharp − ONNX Runtime| over real tokens {realMax:E3}, over every position {allMax:E3} "
            + $"({batch} sentences, {length} positions, mean |h| {expected.abs().mean().item<float>():F3})");
        Assert.True(realMax <= 1e-4, $"max abs diff over real tokens {realMax}");
        Assert.True(allMax <= 1e-4, $"max abs diff over every position {allMax}");

        if (normalization == EmbeddingNormalization.Total)
        {
            // Control: the same weights without the de-normalisation see the normalised E and drift far from BERT.
            using SmoothieDenoiser plain = MiniLmTestModels.Build(ModelPreset.SmallPretrained with { MaxSourceLength = 32 });
            MiniLmInitializer.InitializeConditionEncoder(plain, weights: MiniLmTestModels.Weights);
            plain.eval();
            using (no_grad())
            {
                Tensor wrong = MiniLmTestModels.ConditionEncoderOf(plain).forward(idsTensor, maskTensor, matrix.Weights);
                float drift = (wrong - expected).abs().max().item<float>();
                output.WriteLine($"without de-normalisation: max abs diff {drift:E3}");
                Assert.True(drift > 1e-1, $"drift {drift}");
            }
        }
    }

    private static (long[] Ids, bool[] Mask, int Batch, int Length) Encode()
    {
        var codec = MiniLmEmbeddings.CreateCodec();
        List<long[]> rows = Sentences
            .Select(s => new long[] { ClsId }.Concat(codec.Tokenize(s).Select(i => (long)i)).Append(SepId).ToArray())
            .ToList();
        int length = rows.Max(r => r.Length);
        Assert.True(rows.Select(r => r.Length).Distinct().Count() == rows.Count, "sentences of different lengths exercise the padding mask");
        var ids = new long[rows.Count * length];
        var mask = new bool[rows.Count * length];
        for (int b = 0; b < rows.Count; b++)
        {
            for (int t = 0; t < length; t++)
            {
                bool real = t < rows[b].Length;
                ids[(b * length) + t] = real ? rows[b][t] : PadId;
                mask[(b * length) + t] = real;
            }
        }

        return (ids, mask, rows.Count, length);
    }

    private static float[] RunOnnx(long[] ids, bool[] mask, int batch, int length)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(MiniLmResources.ReadModel(), options);
        long[] shape = [batch, length];
        var inputs = new Dictionary<string, OrtValue>();
        try
        {
            foreach (string name in session.InputMetadata.Keys)
            {
                long[] values = name switch
                {
                    _ when name.Contains("input_ids", StringComparison.Ordinal) => ids,
                    _ when name.Contains("attention_mask", StringComparison.Ordinal) => mask.Select(m => m ? 1L : 0L).ToArray(),
                    _ when name.Contains("token_type_ids", StringComparison.Ordinal) => new long[ids.Length],
                    _ => throw new InvalidOperationException($"Unexpected ONNX input '{name}'."),
                };
                inputs[name] = OrtValue.CreateTensorValueFromMemory(values, shape);
            }

            string outputName = session.OutputMetadata.Keys.Single(n => n.Contains("last_hidden_state", StringComparison.Ordinal));
            using var runOptions = new RunOptions();
            using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, inputs, [outputName]);
            OrtValue result = results[0];
            Assert.Equal(new long[] { batch, length, MiniLmBertWeights.Hidden }, result.GetTensorTypeAndShape().Shape);
            return result.GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (OrtValue value in inputs.Values)
            {
                value.Dispose();
            }
        }
    }
}
