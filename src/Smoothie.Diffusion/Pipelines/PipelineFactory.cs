using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Embeddings;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Embeddings;
using Smoothie.Text;
using Smoothie.Text.Layout;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>Materialises a <see cref="SmoothiePipeline"/> from a configuration and an embedding provider.</summary>
internal static class PipelineFactory
{
    /// <summary>
    /// Builds the pipeline: codec, normalised embeddings (on the device), optional sub-vocabulary, and a fresh model
    /// (seeded), whose embedding width and token head are fitted to the embeddings and the (sub-)vocabulary.
    /// </summary>
    public static SmoothiePipeline Create(PipelineConfiguration configuration, IEmbeddingProvider provider, IReadOnlyList<int>? subVocabularyIds, DeviceKind deviceKind, int seed, bool initializeWeights = true)
    {
        Device device = DeviceSelection.Resolve(deviceKind);
        ITextCodec codec = provider.CreateCodec();
        TokenEmbeddings raw = provider.LoadEmbeddings();
        SubVocabulary? sub = subVocabularyIds is null ? null : new SubVocabulary(subVocabularyIds, codec.VocabularySize);
        int latentVocabulary = sub?.Count ?? codec.VocabularySize;
        configuration = Fit(configuration, raw.Dimension, latentVocabulary) with { EmbeddingSource = provider.SourceKind, LatentVocabularySize = latentVocabulary };
        if (codec is WordPieceTextCodec wordPiece)
        {
            // What the folder must record to rebuild this very codec on load.
            configuration = configuration with { LowerCase = wordPiece.LowerCase, SpecialTokens = wordPiece.HasSpecialTokens };
        }
        else if (codec is Gpt2TextCodec)
        {
            configuration = configuration with { Tokenizer = PipelineConfiguration.Gpt2Tokenizer };
        }

        configuration.Validate();

        EmbeddingMatrix full = EmbeddingMatrix.FromTokenEmbeddings(raw, new EmbeddingMatrixOptions { Device = device, Normalization = configuration.EmbeddingNormalization });
        try
        {
            configuration = configuration with { EmbeddingIdentity = string.IsNullOrEmpty(configuration.EmbeddingIdentity) ? raw.ComputeIdentity() : configuration.EmbeddingIdentity };
            if (initializeWeights && configuration.Initialization != "scratch")
            {
                if (provider.SourceKind != "minilm")
                {
                    throw new ArgumentException($"initialization '{configuration.Initialization}' needs the MiniLM embeddings (UseMiniLmEmbeddings()).");
                }

                configuration = configuration with { Model = MiniLmInitializer.WithSourceDenormalization(configuration.Model, full) };
            }

            manual_seed(seed);
            var model = new SmoothieDenoiser(configuration.Model);
            if (initializeWeights && configuration.Initialization != "scratch")
            {
                var weights = MiniLmBertWeights.Import();
                MiniLmInitializer.InitializeConditionEncoder(model, layers: null, freeze: configuration.FreezeConditionEncoder, weights: weights);
                if (configuration.Initialization == "minilm")
                {
                    MiniLmInitializer.InitializeDenoiserBlocks(model, weights);
                }
            }

            model.to(device);
            return new SmoothiePipeline(configuration, provider, codec, full, sub, model, device);
        }
        catch
        {
            full.Dispose();
            throw;
        }
    }

    /// <summary>The latent space the configuration names, over <paramref name="latentEmbeddings"/>.</summary>
    public static ILatentSpace CreateSpace(PipelineConfiguration configuration, EmbeddingMatrix latentEmbeddings) => configuration.Latent switch
    {
        LatentSpaceKind.Distance => new DistanceLatentSpace(latentEmbeddings, configuration.SigmaMin, inputMode: configuration.DistanceInput == "posterior" ? DistanceInputMode.Posterior : DistanceInputMode.SoftmaxMix),
        LatentSpaceKind.Embedding => new EmbeddingLatentSpace(latentEmbeddings),
        LatentSpaceKind.Simplex => new SimplexLatentSpace(latentEmbeddings, configuration.SimplexK),
        _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration.Latent, "Unknown latent space."),
    };

    /// <summary>
    /// The target layout of the model: <see cref="SourceAlignedLayout"/> when it has aligned slots per source token
    /// (<see cref="DenoiserConfig.IsSourceAligned"/>), else the paper's <see cref="FreeLayout"/> of the target length.
    /// Nothing about the layout is saved beyond the configuration: it is rebuilt from it.
    /// </summary>
    public static ITargetLayout CreateLayout(PipelineConfiguration configuration, ITextCodec codec) =>
        configuration.Model.IsSourceAligned
            ? new SourceAlignedLayout(configuration.Model.AlignedSlotsPerSourceToken, codec)
            : new FreeLayout(codec, configuration.TargetLength);

    /// <summary>Sets the model's embedding width, lengths and token head to what the data and latent space need.</summary>
    public static PipelineConfiguration Fit(PipelineConfiguration configuration, int embeddingDimension, int latentVocabulary)
    {
        if (configuration.Model.IsSourceAligned)
        {
            // The source-aligned layout has exactly `slots` target positions per source position.
            configuration = configuration with { TargetLength = configuration.Model.AlignedSlotsPerSourceToken * configuration.SourceLength };
        }

        DenoiserConfig model = configuration.Model with
        {
            EmbeddingSize = embeddingDimension,
            MaxTargetLength = Math.Max(configuration.Model.MaxTargetLength, configuration.TargetLength),
            MaxSourceLength = Math.Max(configuration.Model.MaxSourceLength, configuration.SourceLength),
            TokenHeadVocabularySize = configuration.Latent == LatentSpaceKind.Simplex ? latentVocabulary : null,
        };
        return configuration with { Model = model };
    }
}
