using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Diffusion/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieDiffusionReadme
{
    public static IReadOnlyList<string> Example(string pipelineFolder)
    {
        // A pipeline folder written by SmoothiePipeline.Save or `smoothie train` (the repository ships models/kjv-web-tiny).
        using SmoothiePipeline pipeline = SmoothiePipeline.Load(pipelineFolder, DeviceKind.Cpu);
        IReadOnlyList<string> modern = pipeline.Generate(["And God said, Let there be light: and there was light."]);
        Console.WriteLine(modern[0]);
        return modern;
    }
}
