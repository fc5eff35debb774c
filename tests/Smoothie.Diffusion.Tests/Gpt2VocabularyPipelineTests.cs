using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Embeddings.Readers;
using Smoothie.Text;

namespace Smoothie.Diffusion.Tests;

/// <summary>GPT-2's byte-level vocabulary with embeddings trained on the corpus (<see cref="SmoothieBuilderVocabularyExtensions.UseGpt2Vocabulary"/>): any language, saved and loaded.</summary>
[Collection("torch-serial")]
public sealed class Gpt2VocabularyPipelineTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-gpt2").FullName;

    /// <summary>Short KJV → Spanish validation verses: a target language MiniLM's English WordPiece vocabulary strips of its accents.</summary>
    private static readonly IReadOnlyList<Seq2SeqPair> Spanish = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "spa")
        .Where(p => p.Source.Split(' ').Length <= 10 && p.Target.Split(' ').Length <= 10).Take(24).ToList();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static SmoothieBuilder Builder() => SmoothieBuilder.Create()
        .UseGpt2Vocabulary(Spanish.SelectMany(p => new[] { p.Source, p.Target }), new CorpusEmbeddingOptions { Dimension = 16, Seed = 3 })
        .UseModel(TinyPipelines.Model)
        .UseLengths(16, 16)
        .UseSampling(steps: 3)
        .UseSubVocabularyOf(Spanish.Select(p => p.Target))
        .UseDevice(DeviceKind.Cpu)
        .UseSeed(3);

    [Fact]
    public void TheByteLevelPipelineSavesItsEmbeddingsAndTokenizerAndLoadsToTheSameOutputs()
    {
        string folder = Path.Combine(root, "gpt2");
        string[] sources = ["Jesus wept.", "And God said, Let there be light."];
        var options = new GenerationOptions { Seed = 2 };
        IReadOnlyList<string> before;
        using (SmoothiePipeline pipeline = Builder().Build())
        {
            Assert.IsType<Gpt2TextCodec>(pipeline.Codec);
            Assert.Equal(16, pipeline.Configuration.Model.EmbeddingSize);
            Assert.Contains(pipeline.Codec.Tokenize("está"), id => pipeline.SubVocabulary!.OriginalIds.Contains(id));
            before = pipeline.Generate(sources, options);
            pipeline.Save(folder);
        }

        string json = File.ReadAllText(Path.Combine(folder, PipelineFolder.ConfigurationFile));
        Assert.Contains("\"tokenizer\": \"gpt2\"", json, StringComparison.Ordinal);
        Assert.Contains("\"embeddingSource\": \"custom\"", json, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, PipelineFolder.EmbeddingsFile)));
        Assert.False(File.Exists(Path.Combine(folder, PipelineFolder.VocabularyFile)));
        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.IsType<Gpt2TextCodec>(loaded.Codec);
        Assert.Equal(before, loaded.Generate(sources, options));
    }

    [Fact]
    public void AMiniLmPipelineWritesNoTokenizerAndAnUnknownOneIsRejected()
    {
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().Build())
        {
            Assert.Null(pipeline.Configuration.Tokenizer);
            Assert.DoesNotContain("tokenizer", pipeline.Configuration.ToJson(), StringComparison.Ordinal);
        }

        var configuration = new PipelineConfiguration { EmbeddingSource = "custom", Tokenizer = "sentencepiece" };
        Assert.Contains(configuration.Problems(), p => p.Contains("tokenizer 'sentencepiece' is unknown", StringComparison.Ordinal));
        Assert.Contains(new PipelineConfiguration { Tokenizer = PipelineConfiguration.Gpt2Tokenizer }.Problems(), p => p.Contains("needs custom embeddings", StringComparison.Ordinal));
    }
}
