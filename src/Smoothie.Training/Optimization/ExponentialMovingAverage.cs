using Smoothie.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Training.Optimization;

/// <summary>
/// An exponential moving average of a module's trainable parameters (shadow = rate·shadow + (1−rate)·param),
/// kept on the module's device. Sampling and evaluation use the averaged weights through <see cref="SwapInto"/>.
/// </summary>
public sealed class ExponentialMovingAverage : IDisposable
{
    private readonly List<(string Name, Parameter Parameter, Tensor Shadow)> entries = [];

    /// <summary>Starts the average at the module's current parameters.</summary>
    /// <param name="module">The model being trained.</param>
    /// <param name="rate">The decay rate in [0, 1) (the paper: 0.9999).</param>
    public ExponentialMovingAverage(nn.Module module, double rate)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The EMA rate must lie in [0, 1).");
        }

        TorchSharpRuntime.EnsureLoaded();
        Rate = rate;
        using var noGrad = no_grad();
        foreach ((string name, Parameter parameter) in module.named_parameters())
        {
            if (parameter.requires_grad)
            {
                entries.Add((name, parameter, parameter.detach().clone()));
            }
        }
    }

    /// <summary>The decay rate.</summary>
    public double Rate { get; }

    /// <summary>The averaged tensors by parameter name (owned by this object).</summary>
    public IEnumerable<(string Name, Tensor Value)> Shadows => entries.Select(e => (e.Name, e.Shadow));

    /// <summary>Folds the current parameters into the average with the constant <see cref="Rate"/>.</summary>
    public void Update() => Fold(Rate);

    /// <summary>
    /// Folds the current parameters into the average with the warmed-up decay
    /// <c>min(Rate, (1 + step) / (10 + step))</c> (as in diffusers' <c>EMAModel</c>), so that a short run's average is made
    /// of its recent weights rather than of the initialisation: with the constant rate 0.999, 750 steps would still keep
    /// 0.999^750 ≈ 47% of the initial weights.
    /// </summary>
    /// <param name="step">The number of optimisation steps taken before this update (0 for the first).</param>
    public void Update(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        Fold(DecayAt(step, Rate));
    }

    /// <summary>The warmed-up decay used by <see cref="Update(long)"/> at a step.</summary>
    /// <param name="step">Steps taken before the update.</param>
    /// <param name="rate">The target rate.</param>
    /// <returns><c>min(rate, (1 + step) / (10 + step))</c>.</returns>
    public static double DecayAt(long step, double rate) => Math.Min(rate, (1.0 + step) / (10.0 + step));

    private void Fold(double decay)
    {
        using var noGrad = no_grad();
        foreach ((_, Parameter parameter, Tensor shadow) in entries)
        {
            shadow.mul_(decay).add_(parameter, alpha: 1 - decay);
        }
    }

    /// <summary>Copies saved averages in by name (for resuming); every name must exist with the same shape.</summary>
    /// <param name="values">Name → tensor.</param>
    public void Load(IReadOnlyDictionary<string, Tensor> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var noGrad = no_grad();
        foreach ((string name, _, Tensor shadow) in entries)
        {
            if (!values.TryGetValue(name, out Tensor? value))
            {
                throw new ArgumentException($"The saved EMA has no tensor '{name}'.", nameof(values));
            }

            if (!value.shape.SequenceEqual(shadow.shape))
            {
                throw new ArgumentException($"The saved EMA tensor '{name}' has shape [{string.Join(", ", value.shape)}], expected [{string.Join(", ", shadow.shape)}].", nameof(values));
            }

            shadow.copy_(value);
        }
    }

    /// <summary>Overwrites the module's parameters with the averaged weights (e.g. at the end of training).</summary>
    public void CopyToModule()
    {
        using var noGrad = no_grad();
        foreach ((_, Parameter parameter, Tensor shadow) in entries)
        {
            parameter.copy_(shadow);
        }
    }

    /// <summary>
    /// Swaps the averaged weights into the module until the returned object is disposed, then swaps the training
    /// weights back (no copies of the model beyond one swap buffer per parameter).
    /// </summary>
    public IDisposable SwapInto() => new Swap(this);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach ((_, _, Tensor shadow) in entries)
        {
            shadow.Dispose();
        }

        entries.Clear();
    }

    private void Exchange()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach ((_, Parameter parameter, Tensor shadow) in entries)
        {
            Tensor held = parameter.detach().clone();
            parameter.copy_(shadow);
            shadow.copy_(held);
        }
    }

    private sealed class Swap : IDisposable
    {
        private ExponentialMovingAverage? owner;

        public Swap(ExponentialMovingAverage owner)
        {
            this.owner = owner;
            owner.Exchange();
        }

        public void Dispose()
        {
            owner?.Exchange();
            owner = null;
        }
    }
}
