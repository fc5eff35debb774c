using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;
using Smoothie.Text;

namespace Smoothie.Diffusion;

/// <summary>Vocabularies for data the default MiniLM vocabulary (uncased English WordPiece) does not cover.</summary>
public static class SmoothieBuilderVocabularyExtensions
{
    /// <summary>
    /// Uses GPT-2's byte-level BPE vocabulary (<see cref="Gpt2TextCodec"/>, 50,257 tokens from Microsoft.ML.Tokenizers'
    /// data package, offline) with token embeddings trained on <paramref name="corpus"/> (<see cref="CorpusEmbeddingTrainer"/>:
    /// PPMI co-occurrence and a truncated SVD, deterministic). Byte-level BPE encodes any text — every language and
    /// script, accents and case kept, no <c>[UNK]</c> — so this fits targets the MiniLM vocabulary cuts into pieces or
    /// strips of their accents (<c>Smoothie.Text.Fit.DataFit</c> measures it). The pipeline folder saves the embeddings
    /// and records the tokenizer (<c>"tokenizer": "gpt2"</c>). MiniLM initialisation is not available with it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="corpus">The texts to learn the embeddings from: the training sources and targets.</param>
    /// <param name="options">The embedding width, window and seed; null for the defaults (128 dimensions).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The corpus has fewer distinct tokens than the embedding width.</exception>
    public static SmoothieBuilder UseGpt2Vocabulary(this SmoothieBuilder builder, IEnumerable<string> corpus, CorpusEmbeddingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(corpus);
        Gpt2TextCodec codec = Gpt2TextCodec.Create();
        TokenEmbeddings embeddings = CorpusEmbeddingTrainer.Train(codec, corpus, options);
        return builder.UseEmbeddings(codec, embeddings);
    }
}
