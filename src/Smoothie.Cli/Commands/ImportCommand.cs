using System.CommandLine;
using System.Globalization;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Interop;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Checkpoints;
using Smoothie.Models.Configuration;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie import</c>: turns a checkpoint of the authors' PyTorch trainer into a pipeline folder that
/// <c>generate</c>, <c>evaluate</c> and the samples run (<see cref="ReferencePipelineImport"/>).
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Their checkpoint (checkpoints/<prefix>/<step>.pth) or a state dict saved with torch.save.", Required = true };
        var vocab = new Option<string>("--vocab") { Description = "The vocab.txt of the tokenizer the model was trained with (bert-base-cased by default).", Required = true };
        var targetLength = new Option<int>("--target-length") { Description = "Their max_sequence_len (e.g. qqp 50, xsum 64, newsela_auto 64, quasar_t 50).", Required = true };
        var sourceLength = new Option<int>("--source-length") { Description = "Their max_context_len (e.g. qqp 50, xsum 512, newsela_auto 64, quasar_t 100).", Required = true };
        var output = new Option<string>("--out") { Description = "The pipeline folder to write.", Required = true };
        var embeddings = new Option<string?>("--embeddings") { Description = "Normalised embeddings (.safetensors or .pt with 'embeddings'); default: the checkpoint's encoder.embeddings." };
        var weights = new Option<string?>("--weights") { Description = "ema or model; default: ema when the checkpoint has one (their sampler uses it)." };
        var heads = new Option<int>("--heads") { Description = "Attention heads (12 for their bert-base-cased configuration).", DefaultValueFactory = _ => 12 };
        var lowerCase = new Option<bool>("--lowercase") { Description = "The vocabulary is uncased (their default bert-base-cased is not)." };
        ArctanParameters paper = ArctanParameters.Paper; // their trainer's defaults are the paper's
        var sigmaMin = new Option<double>("--sigma-min") { Description = "Their --sigma_min.", DefaultValueFactory = _ => paper.SigmaMin };
        var sigmaMax = new Option<double>("--sigma-max") { Description = "Their --sigma_max.", DefaultValueFactory = _ => paper.SigmaMax };
        var coefD = new Option<double>("--coef-d") { Description = "Their --coef_d (d of the Arctan schedule).", DefaultValueFactory = _ => paper.D };
        var delta = new Option<double>("--delta") { Description = "Their --delta.", DefaultValueFactory = _ => paper.Delta };
        var steps = new Option<int>("--steps") { Description = "Their --num_gen_steps.", DefaultValueFactory = _ => Smoothie.Sampling.Solvers.TimeGrid.DefaultSteps };
        var command = new Command("import", "Make a pipeline folder from a model trained with the authors' PyTorch trainer (train_diffusion.py --smooth_diffusion --model_type bert).")
        {
            checkpoint, vocab, targetLength, sourceLength, output, embeddings, weights, heads, lowerCase, sigmaMin, sigmaMax, coefD, delta, steps,
        };
        command.SetAction((parse, _) => CliRunner.RunAsync(() =>
        {
            CheckpointWeights? chosen = parse.GetValue(weights) switch
            {
                null => null,
                "ema" => CheckpointWeights.ExponentialMovingAverage,
                "model" => CheckpointWeights.Model,
                string other => throw new ArgumentException($"--weights must be 'ema' or 'model', got '{other}'."),
            };
            string folder = parse.GetValue(output)!;
            var options = new ReferenceImportOptions
            {
                CheckpointPath = parse.GetValue(checkpoint)!,
                VocabularyPath = parse.GetValue(vocab)!,
                EmbeddingsPath = parse.GetValue(embeddings),
                Weights = chosen,
                TargetLength = parse.GetValue(targetLength),
                SourceLength = parse.GetValue(sourceLength),
                AttentionHeads = parse.GetValue(heads),
                LowerCase = parse.GetValue(lowerCase),
                SigmaMin = parse.GetValue(sigmaMin),
                SigmaMax = parse.GetValue(sigmaMax),
                ScheduleD = parse.GetValue(coefD),
                Delta = parse.GetValue(delta),
                SamplingSteps = parse.GetValue(steps),
            };
            using SmoothiePipeline pipeline = ReferencePipelineImport.Import(options, DeviceKind.Cpu);
            pipeline.Save(folder);
            DenoiserConfig model = pipeline.Denoiser.Config;
            Dictionary<string, string> notes = pipeline.Configuration.Notes;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Imported {options.CheckpointPath} ({notes.GetValueOrDefault("importedWeights")} weights{(notes.TryGetValue("importedStep", out string? step) ? $", step {step}" : string.Empty)}): "
                + $"BERT blocks, h = {model.HiddenSize}, {model.DenoiserLayers} layers, {model.Conditioning} conditioning, self-conditioning {(model.UseSelfConditioning ? "on" : "off")}, "
                + $"V = {pipeline.Codec.VocabularySize:N0}, {pipeline.Denoiser.TrainableParameterCount:N0} parameters."));
            Console.WriteLine($"Wrote the pipeline folder {folder}. Try: smoothie generate --model {folder} --text \"…\"");
            return 0;
        }));
        return command;
    }
}
