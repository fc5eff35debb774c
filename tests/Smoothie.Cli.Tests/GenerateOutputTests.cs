using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Smoothie.Cli.Tests;

/// <summary>
/// <c>generate</c> with the shipped model: <c>--json</c> lines, <c>--input -</c> (standard input), and an input's text
/// the same alone or among others.
/// </summary>
public sealed class GenerateOutputTests : IDisposable
{
    private const string Adam = "And unto Adam he said, Because thou hast hearkened unto the voice of thy wife.";
    private const string Isaac = "And Isaac dwelt in Gerar:";

    private readonly string root = Directory.CreateTempSubdirectory("smoothie-generate").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void AnInputGivesTheSameTextAloneAndAfterAnotherInput()
    {
        (int code, string alone, string error) = CliRun.InvokeSeparately("generate", "--model", ShippedModel(), "--seed", "1", "--text", Adam);
        Assert.True(code == 0, error);
        (code, string both, error) = CliRun.InvokeSeparately("generate", "--model", ShippedModel(), "--seed", "1", "--text", Isaac, "--text", Adam);
        Assert.True(code == 0, error);
        Assert.Equal(Lines(alone)[0], Lines(both)[1]);
    }

    [Fact]
    public void JsonWritesOneObjectPerInputWithItsOutputAndCoverage()
    {
        string input = Path.Combine(root, "in.txt");
        File.WriteAllLines(input, [Isaac, "Jesus wept.", "Ζεὺς ἔφη"]);
        (int code, string text, string error) = CliRun.InvokeSeparately("generate", "--model", ShippedModel(), "--input", input);
        Assert.True(code == 0, error);
        (code, string json, error) = CliRun.InvokeSeparately("generate", "--model", ShippedModel(), "--input", input, "--json");
        Assert.True(code == 0, error);

        string[] lines = Lines(json);
        Assert.Equal(3, lines.Length);
        string[] inputs = File.ReadAllLines(input);
        for (int i = 0; i < 3; i++)
        {
            using JsonDocument document = JsonDocument.Parse(lines[i]);
            JsonElement row = document.RootElement;
            Assert.Equal(inputs[i], row.GetProperty("input").GetString());
            Assert.Equal(Lines(text)[i], row.GetProperty("output").GetString());
            JsonElement coverage = row.GetProperty("coverage");
            Assert.True(coverage.GetProperty("tokens").GetInt32() > 0, lines[i]);
            Assert.InRange(coverage.GetProperty("unknownTokenShare").GetDouble(), 0, 1);
            Assert.InRange(coverage.GetProperty("outsideVocabularyShare").GetDouble(), 0, 1);
        }

        // The Greek line is mostly unknown to the model: its coverage says so (and standard error warns).
        using JsonDocument greek = JsonDocument.Parse(lines[2]);
        JsonElement greekCoverage = greek.RootElement.GetProperty("coverage");
        Assert.True(greekCoverage.GetProperty("unknownTokens").GetInt32() + greekCoverage.GetProperty("outsideVocabularyTokens").GetInt32() > 0, lines[2]);
        Assert.Contains("input 3", error);

        // With --out the same lines go to the file.
        string file = Path.Combine(root, "out.jsonl");
        (code, _, error) = CliRun.InvokeSeparately("generate", "--model", ShippedModel(), "--input", input, "--json", "--out", file);
        Assert.True(code == 0, error);
        Assert.Equal(lines, File.ReadAllLines(file));
    }

    [Fact]
    public async Task InputDashReadsTheSourcesFromStandardInput()
    {
        (int code, string expected, string error) = CliRun.InvokeSeparately("generate", "--model", ShippedModel(), "--text", Isaac, "--text", Adam, "--json");
        Assert.True(code == 0, error);

        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardInputEncoding = new UTF8Encoding(false) };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "smoothie.dll"), "generate", "--model", ShippedModel(), "--input", "-", "--json" })
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync($"{Isaac}\n{Adam}\n");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await errors);
        Assert.Equal(Lines(expected), Lines(await output));
    }

    [Fact]
    public void StandardInputThatIsNotUtf8IsAnErrorNamingTheLine()
    {
        using var latin1 = new MemoryStream([.. "Jesus wept.\n"u8, .. "And Jos"u8, 0xE9, .. "ph\n"u8]);
        var e = Assert.Throws<ArgumentException>(() => StandardInputLines.Read(latin1));
        Assert.Contains("standard input is not UTF-8", e.Message);
        Assert.Contains("byte 0xE9 on line 2", e.Message);

        using var withMark = new MemoryStream([0xEF, 0xBB, 0xBF, .. "Jesus wept.\r\nAmen.\n"u8]);
        Assert.Equal(["Jesus wept.", "Amen."], StandardInputLines.Read(withMark));
    }

    /// <summary>The lines written (an output may be an empty line; the last newline ends the last line).</summary>
    private static string[] Lines(string text)
    {
        string lines = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return (lines.EndsWith('\n') ? lines[..^1] : lines).Split('\n');
    }

    private static string ShippedModel()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Smoothie.Diffusion.sln")))
            {
                return Path.Combine(dir.FullName, "models", "kjv-web-tiny");
            }
        }

        throw new DirectoryNotFoundException("The repository root (Smoothie.Diffusion.sln) was not found above the test's output folder.");
    }
}
