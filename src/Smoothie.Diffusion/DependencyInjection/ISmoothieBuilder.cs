using Microsoft.Extensions.DependencyInjection;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>Returned by <c>AddSmoothie</c> for further configuration, in the style of Microsoft.Extensions builders.</summary>
public interface ISmoothieBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}
