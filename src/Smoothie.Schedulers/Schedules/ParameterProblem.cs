using System.Globalization;

namespace Smoothie.Schedulers.Schedules;

/// <summary>One invalid hyper-parameter: its name (as in <c>pipeline.json</c>), the value and the rule it breaks.</summary>
/// <param name="Parameter">The parameter's name, e.g. <c>sigmaMin</c>.</param>
/// <param name="Value">The rejected value.</param>
/// <param name="Requirement">The rule, e.g. "must be a positive finite number".</param>
public sealed record ParameterProblem(string Parameter, double Value, string Requirement)
{
    /// <summary>"sigmaMin = 0: must be a positive finite number".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Parameter} = {Value}: {Requirement}");
}
