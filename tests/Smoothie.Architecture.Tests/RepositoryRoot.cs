namespace Smoothie.Architecture.Tests;

/// <summary>The repository's root folder: the nearest ancestor of the test assembly that holds Smoothie.Diffusion.sln.</summary>
internal static class RepositoryRoot
{
    public const string SolutionFile = "Smoothie.Diffusion.sln";

    public static string Find()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
