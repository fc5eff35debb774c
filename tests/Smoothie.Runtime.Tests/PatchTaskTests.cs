using System.Collections;
using Microsoft.Build.Framework;
using Smoothie.Runtime.Build;

namespace Smoothie.Runtime.Tests;

public sealed class PatchTaskTests
{
    [Fact]
    public void TaskPatchesWhenTheGivenLibStdCxxLacksTheVersion()
    {
        using var dir = new TempOutput();
        var engine = new RecordingEngine();
        var task = new PatchTorchSharpNative { BuildEngine = engine, Directory = dir.Path, LibStdCxxPath = dir.FakeLibStdCxx(withVersion: false) };
        Assert.True(task.Execute());
        Assert.Single(task.PatchedFiles);
        Assert.Contains(engine.Messages, m => m.Contains("loadable", StringComparison.Ordinal));
        Assert.Equal(ElfPatchStatus.AlreadyPatched, ElfVersionPatcher.Analyze(File.ReadAllBytes(dir.Library)).Status);

        // Idempotent: a second build patches nothing.
        var second = new PatchTorchSharpNative { BuildEngine = engine, Directory = dir.Path, LibStdCxxPath = dir.FakeLibStdCxx(withVersion: false) };
        Assert.True(second.Execute());
        Assert.Empty(second.PatchedFiles);
    }

    [Fact]
    public void TaskIsANoOpWhenTheLibStdCxxIsNewEnough()
    {
        using var dir = new TempOutput();
        byte[] before = File.ReadAllBytes(dir.Library);
        var task = new PatchTorchSharpNative { BuildEngine = new RecordingEngine(), Directory = dir.Path, LibStdCxxPath = dir.FakeLibStdCxx(withVersion: true) };
        Assert.True(task.Execute());
        Assert.Empty(task.PatchedFiles);
        Assert.Equal(before, File.ReadAllBytes(dir.Library));
    }

    private sealed class TempOutput : IDisposable
    {
        public TempOutput()
        {
            Path = Directory.CreateTempSubdirectory("smoothie-task").FullName;
            string native = System.IO.Path.Combine(Path, "runtimes", "linux-x64", "native");
            Directory.CreateDirectory(native);
            Library = System.IO.Path.Combine(native, "libLibTorchSharp.so");
            File.Copy(NativeLibraryFixture.PristineLibTorchSharp(), Library);
        }

        public string Path { get; }

        public string Library { get; }

        public string FakeLibStdCxx(bool withVersion)
        {
            string file = System.IO.Path.Combine(Path, withVersion ? "new-libstdc++.so.6" : "old-libstdc++.so.6");
            File.WriteAllText(file, withVersion ? "GLIBCXX_3.4.30\0GLIBCXX_3.4.32\0" : "GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0");
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private sealed class RecordingEngine : IBuildEngine
    {
        public List<string> Messages { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.proj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => true;

        public void LogCustomEvent(CustomBuildEventArgs e) => Messages.Add(e.Message ?? string.Empty);

        public void LogErrorEvent(BuildErrorEventArgs e) => Messages.Add("error: " + e.Message);

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? string.Empty);

        public void LogWarningEvent(BuildWarningEventArgs e) => Messages.Add("warning: " + e.Message);
    }
}
