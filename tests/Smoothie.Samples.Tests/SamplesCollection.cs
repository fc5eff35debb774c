namespace Smoothie.Samples.Tests;

/// <summary>The sample tests share two CPU cores and libtorch's global state: run them one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SamplesCollection
{
    public const string Name = "samples-serial";
}
