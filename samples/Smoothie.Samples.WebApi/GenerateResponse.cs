namespace Smoothie.Samples.WebApi;

/// <summary>The answer of <c>POST /generate</c>.</summary>
/// <param name="Output">The generated text.</param>
public sealed record GenerateResponse(string Output);
