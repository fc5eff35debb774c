namespace Smoothie.Samples.WebApi;

/// <summary>The body of <c>POST /generate</c> and <c>POST /generate/stream</c>.</summary>
/// <param name="Text">The text to rewrite.</param>
public sealed record GenerateRequest(string? Text);
