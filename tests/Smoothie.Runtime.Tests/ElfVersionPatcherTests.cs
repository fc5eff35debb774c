using System.Text;

namespace Smoothie.Runtime.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ElfVersionPatcherTests
{
    private const string Missing = ElfVersionPatcher.DefaultMissingVersion;

    [Fact]
    public void PristineTorchSharpRequiresTheVersionForOneKnownSymbol()
    {
        byte[] image = File.ReadAllBytes(NativeLibraryFixture.PristineLibTorchSharp());
        ElfPatchResult result = ElfVersionPatcher.Analyze(image);
        Assert.Equal(ElfPatchStatus.Patchable, result.Status);
        Assert.Equal(new[] { "_ZSt21ios_base_library_initv" }, result.BoundSymbols);
    }

    [Fact]
    public void PatchChangesOnlyAFewBytesAndIsIdempotent()
    {
        byte[] original = File.ReadAllBytes(NativeLibraryFixture.PristineLibTorchSharp());
        byte[] image = (byte[])original.Clone();

        Assert.Equal(ElfPatchStatus.Patched, ElfVersionPatcher.Patch(image).Status);
        int changed = original.Zip(image).Count(p => p.First != p.Second);
        Assert.InRange(changed, 3, 40); // name bytes + version index + flags

        byte[] again = (byte[])image.Clone();
        Assert.Equal(ElfPatchStatus.AlreadyPatched, ElfVersionPatcher.Patch(again).Status);
        Assert.Equal(image, again);
        Assert.Equal(ElfPatchStatus.AlreadyPatched, ElfVersionPatcher.Analyze(image).Status);
    }

    [Fact]
    public void PatchedImageNamesTheReplacementSymbolAndKeepsTheVersionNameForTheWeakNeed()
    {
        byte[] original = File.ReadAllBytes(NativeLibraryFixture.PristineLibTorchSharp());
        byte[] image = (byte[])original.Clone();
        ElfVersionPatcher.Patch(image);
        string before = Encoding.ASCII.GetString(original);
        string after = Encoding.ASCII.GetString(image);

        // Exactly the .dynstr copy is renamed (the non-loaded .strtab keeps its copy).
        Assert.Equal(Count(before, "_ZSt21ios_base_library_initv") - 1, Count(after, "_ZSt21ios_base_library_initv"));
        Assert.Equal(Count(before, "_ZSt15get_new_handlerv\0") + 1, Count(after, "_ZSt15get_new_handlerv\0"));
        Assert.Contains(Missing, after);
    }

    private static int Count(string text, string needle)
    {
        int count = 0;
        for (int i = text.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = text.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public void BuildOutputIsLoadableOnThisSystem()
    {
        // The build's task patched the copy in the output only where the system lacks the version.
        byte[] output = File.ReadAllBytes(NativeLibraryFixture.OutputLibTorchSharp());
        ElfPatchStatus status = ElfVersionPatcher.Analyze(output).Status;
        bool systemHas = ElfVersionPatcher.SystemLibStdCxxDefines(Missing, out _);
        Assert.Equal(systemHas ? ElfPatchStatus.Patchable : ElfPatchStatus.AlreadyPatched, status);
    }

    [Fact]
    public void LibraryThatDoesNotNeedTheVersionIsLeftAlone()
    {
        string libstdcxx = ElfVersionPatcher.FindSystemLibStdCxx()!;
        string copy = Path.GetTempFileName();
        try
        {
            File.Copy(libstdcxx, copy, overwrite: true);
            byte[] before = File.ReadAllBytes(copy);
            DateTime stamp = File.GetLastWriteTimeUtc(copy);
            ElfPatchResult result = ElfVersionPatcher.PatchFile(copy);
            Assert.Equal(ElfPatchStatus.NotNeeded, result.Status);
            Assert.Equal(before, File.ReadAllBytes(copy));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(copy));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void PatchFileIsAtomicAndPreservesMode()
    {
        string copy = Path.Combine(Directory.CreateTempSubdirectory("smoothie-elf").FullName, "libLibTorchSharp.so");
        try
        {
            File.Copy(NativeLibraryFixture.PristineLibTorchSharp(), copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Assert.Equal(ElfPatchStatus.Patched, ElfVersionPatcher.PatchFile(copy).Status);
            Assert.Equal(ElfPatchStatus.AlreadyPatched, ElfVersionPatcher.PatchFile(copy).Status);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(copy));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(copy)!)); // no temp file left behind
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(63)]
    public void NonElfOrTruncatedInputIsReportedNotPatched(int length)
    {
        byte[] junk = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        Assert.Equal(ElfPatchStatus.NotElf64, ElfVersionPatcher.Patch(junk).Status);
    }

    [Fact]
    public void TruncatedLibraryIsReportedNotPatched()
    {
        byte[] image = File.ReadAllBytes(NativeLibraryFixture.PristineLibTorchSharp());
        byte[] truncated = image.Take(image.Length / 2).ToArray();
        ElfPatchResult result = ElfVersionPatcher.Patch(truncated);
        Assert.Equal(ElfPatchStatus.NotElf64, result.Status);
        Assert.Contains("truncated", result.Message);
    }

    [Fact]
    public void NullImageIsRejectedByName()
    {
        var e = Assert.Throws<ArgumentNullException>(() => ElfVersionPatcher.Analyze(null!));
        Assert.Equal("image", e.ParamName);
    }
}
