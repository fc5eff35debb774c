namespace Smoothie.Runtime;

/// <summary>
/// Thrown by <see cref="TorchSharpRuntime.EnsureLoaded"/> when TorchSharp's native libraries cannot be loaded.
/// The message says why and how to fix it; <see cref="Exception.InnerException"/> holds TorchSharp's own error.
/// </summary>
public sealed class TorchSharpLoadException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The diagnosis and the fix.</param>
    /// <param name="inner">TorchSharp's original exception.</param>
    public TorchSharpLoadException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
