using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smoothie.Diffusion.Diagnostics;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// Registers Smoothie text generation in a service collection: the options (validated when the host starts), the
/// <see cref="ISmoothieGenerator"/> singleton, a hosted service that loads the pipeline when the host starts, and the
/// metrics of <see cref="SmoothieDiagnostics.MeterName"/>. Health: <c>services.AddHealthChecks().AddSmoothieCheck()</c>.
/// </summary>
public static class SmoothieServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Smoothie generator bound to the <c>"Smoothie"</c> configuration section of the container's
    /// <see cref="IConfiguration"/> (<c>Smoothie:PipelinePath</c>, environment variable <c>Smoothie__PipelinePath</c>, …);
    /// options are validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    public static ISmoothieBuilder AddSmoothie(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SmoothieOptions>().BindConfiguration(SmoothieOptions.SectionName).ValidateOnStart();
        return AddCore(services, Options.DefaultName);
    }

    /// <summary>Adds the Smoothie generator, configured in code; options are validated at start-up.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (e.g. <c>o.PipelinePath = "models/kjv-web"</c>).</param>
    public static ISmoothieBuilder AddSmoothie(this IServiceCollection services, Action<SmoothieOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SmoothieOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services, Options.DefaultName);
    }

    /// <summary>Adds the Smoothie generator, bound to a configuration section (e.g. <c>configuration.GetSection("Smoothie")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section with the <see cref="SmoothieOptions"/> keys.</param>
    public static ISmoothieBuilder AddSmoothie(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<SmoothieOptions>().Bind(section).ValidateOnStart();
        return AddCore(services, Options.DefaultName);
    }

    /// <summary>
    /// Adds a named Smoothie model, configured in code, for a host that serves more than one: its generator is the keyed
    /// service <c>[FromKeyedServices(name)] ISmoothieGenerator</c>, its options the named options <paramref name="name"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The model's name (the service key).</param>
    /// <param name="configure">Sets the options.</param>
    public static ISmoothieBuilder AddSmoothie(this IServiceCollection services, string name, Action<SmoothieOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SmoothieOptions>(name).Configure(configure).ValidateOnStart();
        return AddCore(services, name);
    }

    /// <summary>Adds a named Smoothie model bound to a configuration section (e.g. <c>configuration.GetSection("Smoothie:Models:summaries")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The model's name (the service key).</param>
    /// <param name="section">The section with the <see cref="SmoothieOptions"/> keys.</param>
    public static ISmoothieBuilder AddSmoothie(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<SmoothieOptions>(name).Bind(section).ValidateOnStart();
        return AddCore(services, name);
    }

    /// <summary>The generator of a registration: unkeyed for the default one, keyed by its name otherwise.</summary>
    internal static BatchingSmoothieGenerator Generator(IServiceProvider services, string name) =>
        string.IsNullOrEmpty(name) ? services.GetRequiredService<BatchingSmoothieGenerator>() : services.GetRequiredKeyedService<BatchingSmoothieGenerator>(name);

    private static SmoothieBuilderHandle AddCore(IServiceCollection services, string name)
    {
        var handle = new SmoothieBuilderHandle(services, name);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmoothieOptions>, SmoothieOptionsValidator>());
        services.TryAddSingleton(sp => new SmoothieMetrics(sp.GetService<IMeterFactory>()));
        if (services.Any(d => d.ServiceType == typeof(SmoothieRegistration) && d.IsKeyedService && Equals(d.ServiceKey, name)))
        {
            return handle; // registered before: only the options were added to
        }

        services.AddKeyedSingleton(name, new SmoothieRegistration(name));
        Func<IServiceProvider, BatchingSmoothieGenerator> create = sp => new BatchingSmoothieGenerator(name, sp.GetRequiredService<IOptionsMonitor<SmoothieOptions>>().Get(name), sp);
        if (string.IsNullOrEmpty(name))
        {
            services.AddSingleton(create);
            services.AddSingleton<ISmoothieGenerator>(sp => sp.GetRequiredService<BatchingSmoothieGenerator>());
        }
        else
        {
            services.AddKeyedSingleton(name, (sp, _) => create(sp));
            services.AddKeyedSingleton<ISmoothieGenerator>(name, (sp, _) => sp.GetRequiredKeyedService<BatchingSmoothieGenerator>(name));
        }

        services.AddSingleton<IHostedService>(sp => new SmoothieWarmUpService(() => Generator(sp, name), sp.GetService<ILoggerFactory>()));
        return handle;
    }

    private sealed record SmoothieBuilderHandle(IServiceCollection Services, string Name) : ISmoothieBuilder;

    /// <summary>Marks a name as registered, so a second <c>AddSmoothie</c> for it adds options only.</summary>
    private sealed record SmoothieRegistration(string Name);
}
