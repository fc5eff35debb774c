namespace Smoothie.Text.Tests;

/// <summary>A path in the temporary folder for one test (nothing is created), deleted on dispose if a test wrote it.</summary>
internal sealed class TempFile : IDisposable
{
    /// <summary>Picks a fresh path whose name starts with <paramref name="prefix"/> and ends with <paramref name="extension"/>.</summary>
    public TempFile(string prefix, string extension = ".tsv") =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}{extension}");

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose() => File.Delete(Path);
}
