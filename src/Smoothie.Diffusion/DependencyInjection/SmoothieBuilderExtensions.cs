using Microsoft.Extensions.DependencyInjection;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>Further configuration of a Smoothie registration.</summary>
public static class SmoothieBuilderExtensions
{
    /// <summary>Changes options after registration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Edits the options.</param>
    public static ISmoothieBuilder Configure(this ISmoothieBuilder builder, Action<SmoothieOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }

    /// <summary>
    /// Supplies the pipeline yourself (e.g. built with <see cref="SmoothieBuilder"/>) instead of loading a folder; then
    /// <see cref="SmoothieOptions.PipelinePath"/> is not required.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the pipeline once; the generator disposes it.</param>
    public static ISmoothieBuilder UsePipeline(this ISmoothieBuilder builder, Func<IServiceProvider, SmoothiePipeline> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddKeyedSingleton(builder.Name, new PipelineFactoryHolder(factory));
        builder.Services.Configure<SmoothieOptions>(builder.Name, o => o.HasPipelineFactory = true);
        return builder;
    }
}

/// <summary>Holds a user-supplied pipeline factory (keyed by the registration's name).</summary>
/// <param name="Factory">The factory.</param>
internal sealed record PipelineFactoryHolder(Func<IServiceProvider, SmoothiePipeline> Factory);
