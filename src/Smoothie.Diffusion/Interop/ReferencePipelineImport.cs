using System.Globalization;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Embeddings;
using Smoothie.Text;
using Smoothie.Models.Checkpoints;
using Smoothie.Models.Configuration;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Interop;

/// <summary>
/// Builds a <see cref="SmoothiePipeline"/> around a model trained with the authors' PyTorch trainer, so that
/// <c>smoothie generate</c>, evaluation and serving run it: a <see cref="DenoiserConfig.ReferenceCompatible"/> denoiser
/// whose shape is read off the checkpoint, their normalised embeddings taken as they are
/// (<see cref="EmbeddingNormalization.None"/>), their WordPiece vocabulary without <c>[CLS]</c>/<c>[SEP]</c> (their
/// <c>add_special_tokens=False</c>), the Smoothie distance space and Arctan schedule with their σ's, d and δ.
/// </summary>
public static class ReferencePipelineImport
{
    /// <summary>Imports the checkpoint; save the result with <see cref="SmoothiePipeline.Save"/> to get a pipeline folder.</summary>
    /// <param name="options">Files and their training settings.</param>
    /// <param name="device">Where to run.</param>
    /// <returns>The pipeline, weights loaded, in evaluation mode.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file cannot be read or holds no embeddings.</exception>
    /// <exception cref="ArgumentException">The checkpoint is not the authors' BERT-block distance model, or the lengths, vocabulary or embeddings do not fit it.</exception>
    public static SmoothiePipeline Import(ReferenceImportOptions options, DeviceKind device = DeviceKind.Cpu)
    {
        ArgumentNullException.ThrowIfNull(options);

        // No dispose scope here: the pipeline built below owns tensors that must outlive this call. The read tensors are
        // disposed by hand once the weights are copied.
        PyTorchFileContent content = PyTorchStateFile.Read(options.CheckpointPath, options.Weights ?? CheckpointWeights.PreferExponentialMovingAverage);
        Tensor? fromFile = null;
        try
        {
            DenoiserConfig model = ReferenceConfigInference.Infer(content.Tensors, options.TargetLength, options.SourceLength, options.AttentionHeads);
            if (model.TokenHeadVocabularySize is not null)
            {
                throw new ArgumentException(
                    $"'{options.CheckpointPath}' has a token head (trained with --predict_tokens); pipelines sample token-head models only in the simplex space. "
                    + "The denoiser itself loads it (DenoiserConfig.ReferenceCompatible with TokenHeadVocabularySize).",
                    nameof(options));
            }

            WordPieceTextCodec codec = WordPieceTextCodec.FromFile(options.VocabularyPath, options.LowerCase, specialTokens: false);
            fromFile = options.EmbeddingsPath is { } path ? ReadEmbeddings(path) : null;
            Tensor matrix = fromFile ?? content.Embeddings
                ?? throw new InvalidDataException($"'{options.CheckpointPath}' records no token embeddings (encoder.embeddings); give the embeddings file.");
            if (matrix.dim() != 2 || matrix.shape[0] != codec.VocabularySize || matrix.shape[1] != model.HiddenSize)
            {
                throw new ArgumentException(
                    $"The embeddings are [{string.Join(", ", matrix.shape)}], but the vocabulary '{options.VocabularyPath}' has {codec.VocabularySize} tokens and the model is {model.HiddenSize} wide: "
                    + $"expected [{codec.VocabularySize}, {model.HiddenSize}]. Give the vocab.txt of the tokenizer the model was trained with.",
                    nameof(options));
            }

            float[] values;
            using (Tensor dense = matrix.to_type(ScalarType.Float32).contiguous())
            {
                values = dense.data<float>().ToArray();
            }

            var tokenEmbeddings = new TokenEmbeddings(codec.Tokens, values, model.HiddenSize, "reference");
            SmoothiePipeline pipeline = SmoothieBuilder.Create()
                .UseEmbeddings(codec, tokenEmbeddings)
                .UseEmbeddingNormalization(EmbeddingNormalization.None)
                .UseDistanceSpace(options.DistanceSettings())
                .UseModel(model)
                .UseLengths(options.SourceLength, options.TargetLength)
                .UseSampling(options.SamplingSteps)
                .UseDevice(device)
                .Build();
            try
            {
                StateDictLoader.Apply(pipeline.Denoiser, content.Tensors, strict: true, options.CheckpointPath);
                pipeline.Denoiser.eval();
                pipeline.Configuration.Notes["importedFrom"] = Path.GetFileName(options.CheckpointPath);
                pipeline.Configuration.Notes["importedWeights"] = content.Weights == CheckpointWeights.ExponentialMovingAverage ? "ema" : "model";
                if (content.Step is { } step)
                {
                    pipeline.Configuration.Notes["importedStep"] = step.ToString(CultureInfo.InvariantCulture);
                }

                return pipeline;
            }
            catch
            {
                pipeline.Dispose();
                throw;
            }
        }
        finally
        {
            foreach (Tensor tensor in content.Tensors.Values)
            {
                tensor.Dispose();
            }

            content.Embeddings?.Dispose();
            fromFile?.Dispose();
        }
    }

    private static Tensor ReadEmbeddings(string path)
    {
        Dictionary<string, Tensor> tensors = DenoiserCheckpoint.ReadTensors(path);
        Tensor? chosen = tensors.TryGetValue("embeddings", out Tensor? named) ? named : tensors.Count == 1 ? tensors.Values.Single() : null;
        foreach (Tensor other in tensors.Values.Where(t => !ReferenceEquals(t, chosen)))
        {
            other.Dispose();
        }

        return chosen ?? throw new InvalidDataException($"'{path}' holds {tensors.Count} tensors and none is called 'embeddings'; give a file with the [V, d] embedding matrix under that name.");
    }
}
