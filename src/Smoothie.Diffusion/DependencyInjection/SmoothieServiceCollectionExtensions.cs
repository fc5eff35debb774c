using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>Registers Smoothie text generation in a service collection.</summary>
public static class SmoothieServiceCollectionExtensions
{
    /// <summary>Adds the Smoothie generator, configured in code; options are validated at start-up.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (e.g. <c>o.PipelinePath = "models/kjv-web"</c>).</param>
    public static ISmoothieBuilder AddSmoothie(this IServiceCollection services, Action<SmoothieOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SmoothieOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Adds the Smoothie generator, bound to a configuration section (e.g. <c>configuration.GetSection("Smoothie")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section with the <see cref="SmoothieOptions"/> keys.</param>
    public static ISmoothieBuilder AddSmoothie(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<SmoothieOptions>().Bind(section).ValidateOnStart();
        return AddCore(services);
    }

    private static SmoothieBuilderHandle AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmoothieOptions>, SmoothieOptionsValidator>());
        services.TryAddSingleton<BatchingSmoothieGenerator>();
        services.TryAddSingleton<ISmoothieGenerator>(sp => sp.GetRequiredService<BatchingSmoothieGenerator>());
        return new SmoothieBuilderHandle(services);
    }

    private sealed record SmoothieBuilderHandle(IServiceCollection Services) : ISmoothieBuilder;
}
