using Microsoft.Extensions.DependencyInjection;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>Returned by <c>AddSmoothie</c> for further configuration, in the style of Microsoft.Extensions builders.</summary>
public interface ISmoothieBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// The registration's name: empty for <c>AddSmoothie(...)</c> (the unkeyed <see cref="ISmoothieGenerator"/>), the model
    /// name for <c>AddSmoothie(name, ...)</c> (the options name and the service key of its generator).
    /// </summary>
    string Name { get; }
}
