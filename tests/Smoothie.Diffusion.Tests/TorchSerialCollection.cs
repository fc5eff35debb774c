namespace Smoothie.Diffusion.Tests;

/// <summary>Tests that seed libtorch's process-wide generator run one at a time.</summary>
[CollectionDefinition("torch-serial", DisableParallelization = true)]
public sealed class TorchSerialCollection;
