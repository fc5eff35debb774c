namespace Smoothie.Architecture.Tests;

/// <summary>A member with a body (method, constructor, property, accessor, local function…) and its length in lines.</summary>
/// <param name="Name">The name read from its declaration.</param>
/// <param name="FirstLine">The 1-based line of its declaration (attributes and doc comments not counted).</param>
/// <param name="Lines">From the declaration line to the line of the closing brace, both included.</param>
internal sealed record MeasuredMember(string Name, int FirstLine, int Lines);
