using System.Diagnostics;

namespace Smoothie.Cli.Tests;

/// <summary>
/// Training into a small tmpfs that fills up, and into a read-only one: one clear error, no half-written file, and the
/// last checkpoint still loads. Mounting needs root and the right to mount (as on the CI machine); elsewhere the tests are
/// reported as skipped, not passed.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-disk-").FullName;
    private readonly List<string> mounts = [];

    public void Dispose()
    {
        foreach (string mount in mounts)
        {
            Run("umount", "-l", mount);
        }

        Directory.Delete(root, recursive: true);
    }

    [SkippableFact]
    public void FullDiskDuringACheckpointIsOneClearErrorAndTheLastCheckpointStillLoads()
    {
        // A Tiny checkpoint is ~28 MB: the first fits in 45 MB, the second (written before the first is dropped) does not.
        string disk = Mount("size=45m");
        string data = WriteData();
        string output = Path.Combine(disk, "run");

        (int code, string text) = CliRun.Invoke(Train(data, output, "100000"));

        Assert.True(code == 1, text);
        Assert.Contains("No space left on device", text);
        Assert.Contains("is intact", text);
        string checkpoints = Path.Combine(output, "checkpoints");
        string[] kept = Directory.GetDirectories(checkpoints);
        Assert.Single(kept);
        Assert.Empty(Directory.GetFileSystemEntries(output, "*.tmp*", SearchOption.AllDirectories));

        // The surviving checkpoint loads: a run on a copy with room resumes from it.
        string copy = Path.Combine(root, "copy");
        CopyDirectory(output, copy);
        long step = long.Parse(Path.GetFileName(kept[0]).AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
        (code, text) = CliRun.Invoke(Train(data, copy, (step + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(code == 0, text);
        Assert.Contains($"Resumed from {Path.Combine(copy, "checkpoints", $"step-{step:D9}")} at step {step}", text);
    }

    [SkippableFact]
    public void ReadOnlyOutputFolderIsOneClearError()
    {
        string disk = Mount("ro,size=1m");
        (int code, string text) = CliRun.Invoke(Train(WriteData(), Path.Combine(disk, "run"), "5"));

        Assert.True(code == 1, text);
        Assert.Contains("Read-only file system", text);
        Assert.DoesNotContain("   at ", text); // a message, not a stack trace
    }

    private static string[] Train(string data, string output, string maxSteps) =>
        ["train", "--data", data, "--source", "kjv", "--target", "web", "--batch-size", "4", "--preset", "tiny", "--device", "cpu",
            "--seed", "1", "--out", output, "--checkpoint-minutes", "0.01", "--max-steps", maxSteps];

    private string WriteData()
    {
        string data = Path.Combine(root, "pairs.tsv");
        File.WriteAllLines(data, new[] { "kjv\tweb" }.Concat(Enumerable.Range(0, 40).Select(i => $"And Moses spake unto the people {i}.\tMoses spoke to the people {i}.")));
        return data;
    }

    private string Mount(string options)
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root", "mounting a small tmpfs needs root on Linux");
        string mountPoint = Directory.CreateDirectory(Path.Combine(root, $"disk{mounts.Count}")).FullName;
        Skip.IfNot(Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint) == 0, "mount -t tmpfs is not permitted here (a container without CAP_SYS_ADMIN)");
        mounts.Add(mountPoint);
        return mountPoint;
    }

    private static int Run(string file, params string[] args)
    {
        using Process process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
