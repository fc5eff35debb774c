using Smoothie.Embeddings;
using Smoothie.Text;

namespace Smoothie.Diffusion.Embeddings;

/// <summary>A vocabulary with its text codec and aligned token embeddings: what a pipeline's latent space is built on.</summary>
public interface IEmbeddingProvider
{
    /// <summary><c>minilm</c> for the built-in default, <c>custom</c> for user-supplied files.</summary>
    string SourceKind { get; }

    /// <summary>Creates the text codec (row <c>i</c> of the embeddings embeds token id <c>i</c>).</summary>
    ITextCodec CreateCodec();

    /// <summary>Loads the raw (un-normalised) embedding table.</summary>
    TokenEmbeddings LoadEmbeddings();
}
