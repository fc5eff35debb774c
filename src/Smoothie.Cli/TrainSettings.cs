using Smoothie.Diffusion.Configuration;

namespace Smoothie.Cli;

/// <summary>What a training run needs, gathered from the command line (shared by train, quickstart and ablate).</summary>
internal sealed record TrainSettings
{
    public string? DataFile { get; init; }

    public string? ValidFile { get; init; }

    public string SourceColumn { get; init; } = "kjv";

    public string TargetColumn { get; init; } = "web";

    public LatentSpaceKind Latent { get; init; } = LatentSpaceKind.Distance;

    public string Preset { get; init; } = "tiny";

    public long? MaxSteps { get; init; }

    public double? MaxMinutes { get; init; }

    public string Output { get; init; } = "runs/smoothie";

    public int Seed { get; init; } = 1;

    public DeviceKind Device { get; init; } = DeviceKind.Auto;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 1e-3;

    public int WarmupSteps { get; init; } = 200;

    public int SourceLength { get; init; } = 48;

    public int TargetLength { get; init; } = 48;

    public int? MaxTrainRows { get; init; }

    public int SamplingSteps { get; init; } = 50;

    public string Initialization { get; init; } = "scratch";

    public bool FreezeConditionEncoder { get; init; }
}
