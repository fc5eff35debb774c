using Smoothie.Models.Checkpoints;
using Smoothie.Models.Configuration;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Models/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieModelsReadme
{
    public static ConversionReport Example(string pytorchCheckpoint)
    {
        DenoiserConfig config = ModelPreset.Tiny with { CopyHead = true };
        Console.WriteLine($"hidden size {config.HiddenSize}, copy head {config.CopyHead}");

        // A checkpoint of the authors' PyTorch trainer, as safetensors for TorchSharp.
        ConversionReport report = CheckpointConverter.Convert(pytorchCheckpoint, "model.safetensors");
        return report;
    }
}
