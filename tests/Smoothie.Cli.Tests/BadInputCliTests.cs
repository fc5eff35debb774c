using System.Text;
using System.Text.Json;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Checkpoints;
using Smoothie.Runtime.Files;
using static TorchSharp.torch;

namespace Smoothie.Cli.Tests;

/// <summary>Bad input given to the <c>smoothie</c> tool: exit code 2 and one line naming the option, file or line.</summary>
public sealed class BadInputCliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-cli-bad").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private static byte[] Latin1(string before, byte bad, string after) => [.. Encoding.ASCII.GetBytes(before), bad, .. Encoding.ASCII.GetBytes(after)];

    private static void AssertBadInput((int Code, string Output) run, params string[] expected)
    {
        Assert.True(run.Code == 2, $"exit code {run.Code}, expected 2; output:\n{run.Output}");
        foreach (string part in expected)
        {
            Assert.Contains(part, run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal); // no stack trace
    }

    private string TinyPipelineFolder()
    {
        string folder = Path.Combine(root, "model");
        using SmoothiePipeline pipeline = TinyPipelines.Builder(LatentSpaceKind.Distance, ["You are the light of the world."], steps: 2, seed: null).Build();
        pipeline.Save(folder);
        return folder;
    }

    [Fact]
    public void TrainOnALatin1TsvNamesTheLineAndHowToConvert()
    {
        string data = Write("latin1.tsv", Latin1("src\ttgt\nthou art\tyou are\nth", 0xE9, "\ttea\n"));
        AssertBadInput(
            CliRun.Invoke("train", "--data", data, "--source", "src", "--target", "tgt", "--max-steps", "1", "--out", Path.Combine(root, "out")),
            "latin1.tsv, line 3: the file is not UTF-8", "iconv");
    }

    [Fact]
    public void TrainOnARaggedTsvNamesTheLineAndTheFieldCounts()
    {
        string data = Write("ragged.tsv", "src\ttgt\nthou\tyou\nsay\tthe\tthing\n");
        AssertBadInput(
            CliRun.Invoke("train", "--data", data, "--source", "src", "--target", "tgt", "--max-steps", "1", "--out", Path.Combine(root, "out")),
            "ragged.tsv, line 3: expected 2 fields like the header, found 3");
    }

    [Theory]
    [InlineData("utf16.tsv", "UTF-16", "utf16.tsv, line 1: the file contains NUL bytes")]
    [InlineData("ragged.csv", "src,tgt\nthou,you\nsay, then,you say\n", "ragged.csv, line 3: expected 2 fields like the header, found 3")]
    [InlineData("unclosed.csv", "src,tgt\nok,fine\nbad,\"unclosed\n", "unclosed.csv, line 3: a quoted field is not closed")]
    [InlineData("stray.csv", "src,tgt\nok,fine\nab\"c,d\n", "stray.csv, line 3: a double quote appears inside an unquoted field")]
    [InlineData("dup.tsv", "src\tsrc\ttgt\na\tb\tc\n", "dup.tsv, line 1: the header names column 'src' twice")]
    [InlineData("empty.tsv", "", "empty.tsv, line 1: the input is empty")]
    [InlineData("bad.jsonl", "{\"src\":\"a\",\"tgt\":\"b\"}\n{\"src\": oops}\n", "bad.jsonl, line 2: invalid JSON")]
    [InlineData("array.jsonl", "{\"src\":\"a\",\"tgt\":\"b\"}\n[\"c\",\"d\"]\n", "array.jsonl, line 2: expected a JSON object, found Array")]
    [InlineData("null.jsonl", "{\"src\":\"a\",\"tgt\":\"b\"}\n{\"src\":\"c\",\"tgt\":null}\n", "null.jsonl, line 2: property 'tgt' is Null")]
    [InlineData("nocol.tsv", "ref\tsrc\nx\ty\n", "Column 'tgt' was not found in")]
    public void TrainOnAMalformedDataFileNamesTheFileAndLine(string name, string text, string expected)
    {
        string data = Write(name, text == "UTF-16" ? Encoding.Unicode.GetBytes("src\ttgt\na\tb\n") : Encoding.UTF8.GetBytes(text));
        AssertBadInput(
            CliRun.Invoke("train", "--data", data, "--source", "src", "--target", "tgt", "--max-steps", "1", "--out", Path.Combine(root, "out")),
            expected);
    }

    [Fact]
    public void TrainOnAHeaderOnlyFileSaysThereAreNoPairs()
    {
        string data = Write("header.tsv", "src\ttgt\n");
        AssertBadInput(
            CliRun.Invoke("train", "--data", data, "--source", "src", "--target", "tgt", "--max-steps", "1", "--out", Path.Combine(root, "out")),
            "The training data has no pairs");
    }

    [Fact]
    public void TrainOnAnUnknownExtensionListsTheKnownOnes()
    {
        string data = Write("pairs.xlsx", "src\ttgt\na\tb\n");
        AssertBadInput(
            CliRun.Invoke("train", "--data", data, "--max-steps", "1", "--out", Path.Combine(root, "out")),
            "pairs.xlsx", "expected .tsv, .tab, .csv, .jsonl or .ndjson");
    }

    [Theory]
    [InlineData("--max-steps", "0", "--max-steps must be positive; got 0")]
    [InlineData("--target-length", "-4", "--target-length must be positive; got -4")]
    [InlineData("--preset", "huge", "huge")]
    [InlineData("--token-loss", "-0.5", "--token-loss must be a finite weight ≥ 0 (0 = off; e.g. 0.1); got -0.5")]
    [InlineData("--dropout", "1", "--dropout must lie in [0, 1) (0 = off; the preset's is 0.1); got 1")]
    public void ValuesTheParserRejectsExitWithTwo(string option, string value, string expected)
    {
        AssertBadInput(CliRun.Invoke("train", option, value, "--out", Path.Combine(root, "out")), expected);
    }

    [Fact]
    public void AParserErrorIsOneLineNamingTheOptionNotTheWholeHelp()
    {
        (int code, string output, string error) = CliRun.InvokeSeparately("generate", "--model", root, "--text", "Jesus wept.", "--steps", "0");

        Assert.Equal(2, code);
        Assert.Equal(
            ["error: --steps must be positive; got 0.", "Run 'smoothie generate --help' for the options."],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("Usage:", output + error);
    }

    [Fact]
    public void AValueOutsideTheAcceptedOnesIsOneLineNamingTheOptionAndTheValues()
    {
        (int code, _, string error) = CliRun.InvokeSeparately("train", "--latent", "gaussian");

        Assert.Equal(2, code);
        Assert.Equal(
            ["error: --latent: Argument 'gaussian' not recognized. Must be one of: 'distance' 'embedding' 'simplex'", "Run 'smoothie train --help' for the options."],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void UnknownOptionExitsWithTwo()
    {
        AssertBadInput(CliRun.Invoke("generate", "--model", root, "--temperature", "0.7"), "--temperature");
    }

    [Fact]
    public void GenerateFromALatin1InputFileNamesTheLine()
    {
        string input = Write("in.txt", Latin1("Jesus wept.\nGod is love.\nVoil", 0xE0, ".\n"));
        AssertBadInput(CliRun.Invoke("generate", "--model", root, "--input", input), "in.txt, line 3: the file is not UTF-8");
    }

    [Fact]
    public void GenerateWithAFolderThatIsNotAPipelineSaysWhatIsMissing()
    {
        AssertBadInput(CliRun.Invoke("generate", "--model", Path.Combine(root, "nowhere"), "--text", "Jesus wept."), "The pipeline folder", "does not exist");
        AssertBadInput(CliRun.Invoke("generate", "--model", root, "--text", "Jesus wept."), "is not a Smoothie pipeline folder: pipeline.json is missing");
    }

    [Fact]
    public void GenerateWithNonFiniteWeightsNamesTheFileAndTheTensor()
    {
        string folder = TinyPipelineFolder();
        string weights = Path.Combine(folder, PipelineFolder.WeightsFile);
        Dictionary<string, Tensor> tensors = SafeTensorsFile.Read(weights);
        try
        {
            tensors["time_emb.0.weight"][0, 1] = float.NaN;
            SafeTensorsFile.Write(weights, tensors);
        }
        finally
        {
            foreach (Tensor tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }

        AssertBadInput(CliRun.Invoke("generate", "--model", folder, "--text", "Jesus wept."), "model.safetensors' holds non-finite weights", "'time_emb.0.weight' has 1 NaN");
    }

    [Fact]
    public void GenerateWithASubVocabularyBeyondTheVocabularyNamesTheId()
    {
        string folder = TinyPipelineFolder();
        string sub = Path.Combine(folder, PipelineFolder.SubVocabularyFile);
        int[] ids = JsonSerializer.Deserialize<int[]>(File.ReadAllText(sub))!;
        ids[^1] = 99_999;
        File.WriteAllText(sub, JsonSerializer.Serialize(ids));
        AssertBadInput(CliRun.Invoke("generate", "--model", folder, "--text", "Jesus wept."), "subvocabulary.json' holds token id 99999", "[0, 30522)");
    }

    [Theory]
    [InlineData("truncated-config", "pipeline.json' is not valid")]
    [InlineData("format-99", "formatVersion 99 was written by a newer Smoothie; this one reads formatVersion ≤ 2.")]
    [InlineData("latent-gaussian", "$.latent")]
    [InlineData("target-length-64", "targetLength (64) exceeds the model's maxTargetLength (16)")]
    [InlineData("no-weights", "has no model.safetensors")]
    [InlineData("truncated-weights", "model.safetensors' is truncated")]
    [InlineData("subvocabulary-not-json", "subvocabulary.json' is not a JSON array of token ids")]
    [InlineData("no-subvocabulary", "has no subvocabulary.json, but its model was trained on a sub-vocabulary")]
    [InlineData("subvocabulary-without-specials", "lacks the special tokens [PAD] (id 0)")]
    [InlineData("bad-casing", "casing.json' is invalid")]
    [InlineData("other-embeddings", "was trained with other embeddings than the MiniLM embeddings")]
    [InlineData("custom-without-files", "uses custom embeddings but lacks vocab.txt or embeddings.safetensors")]
    public void GenerateWithADamagedPipelineFolderNamesTheFile(string damage, string expected)
    {
        string folder = TinyPipelineFolder();
        string config = Path.Combine(folder, PipelineFolder.ConfigurationFile);
        string weights = Path.Combine(folder, PipelineFolder.WeightsFile);
        string sub = Path.Combine(folder, PipelineFolder.SubVocabularyFile);
        string text = File.ReadAllText(config);
        switch (damage)
        {
            case "truncated-config": File.WriteAllText(config, text[..(text.Length / 2)]); break;
            case "format-99": File.WriteAllText(config, text.Replace("\"formatVersion\": 2", "\"formatVersion\": 99", StringComparison.Ordinal)); break;
            case "latent-gaussian": File.WriteAllText(config, text.Replace("\"latent\": \"distance\"", "\"latent\": \"gaussian\"", StringComparison.Ordinal)); break;
            case "target-length-64": File.WriteAllText(config, text.Replace("\"targetLength\": 16", "\"targetLength\": 64", StringComparison.Ordinal)); break;
            case "no-weights": File.Delete(weights); break;
            case "truncated-weights": File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..^1000]); break;
            case "subvocabulary-not-json": File.WriteAllText(sub, "[0, 100, 101, 10"); break;
            case "no-subvocabulary": File.Delete(sub); break;
            case "subvocabulary-without-specials":
                File.WriteAllText(sub, "[1000, 1001, 1002]");
                File.WriteAllText(config, System.Text.RegularExpressions.Regex.Replace(text, "\"latentVocabularySize\": \\d+,", string.Empty));
                break;
            case "bad-casing": File.WriteAllText(Path.Combine(folder, PipelineFolder.CasingFile), "[1, 2]"); break;
            case "other-embeddings": File.WriteAllText(config, System.Text.RegularExpressions.Regex.Replace(text, "\"embeddingIdentity\": \"[^\"]*\"", "\"embeddingIdentity\": \"0123456789abcdef\"")); break;
            case "custom-without-files": File.WriteAllText(config, text.Replace("\"embeddingSource\": \"minilm\"", "\"embeddingSource\": \"custom\"", StringComparison.Ordinal)); break;
            default: throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }

        bool editsConfiguration = damage is "truncated-config" or "format-99" or "latent-gaussian" or "target-length-64" or "subvocabulary-without-specials" or "other-embeddings" or "custom-without-files";
        Assert.Equal(editsConfiguration, text != File.ReadAllText(config)); // the edit took effect
        AssertBadInput(CliRun.Invoke("generate", "--model", folder, "--text", "Jesus wept."), expected);
    }

    [Fact]
    public void GenerateWithTheWeightsOfAnotherModelListsTheShapes()
    {
        string folder = TinyPipelineFolder();
        string other = Path.Combine(root, "other");
        using (SmoothiePipeline wider = SmoothieBuilder.Create()
            .UseMiniLmEmbeddings()
            .UseModel(TinyPipelines.Model with { IntermediateSize = 96 })
            .UseLengths(16, 16)
            .UseSubVocabularyOf(["You are the light of the world."])
            .UseDevice(DeviceKind.Cpu)
            .Build())
        {
            wider.Save(other);
        }

        File.Copy(Path.Combine(other, PipelineFolder.WeightsFile), Path.Combine(folder, PipelineFolder.WeightsFile), overwrite: true);
        AssertBadInput(CliRun.Invoke("generate", "--model", folder, "--text", "Jesus wept."), "model.safetensors' does not fit the model", "model [64, 32], checkpoint [96, 32]");
    }

    [Fact]
    public void GenerateWithANegativeDeltaNamesTheOption()
    {
        string folder = TinyPipelineFolder();
        AssertBadInput(CliRun.Invoke("generate", "--model", folder, "--text", "Jesus wept.", "--delta", "-1"), "--delta must be positive; got -1");
    }

    [Fact]
    public void EvaluateWithFilesOfDifferentLengthsSaysBothCounts()
    {
        string hyp = Write("hyp.txt", "a\nb\nc\n");
        string reference = Write("ref.txt", "a\nb\n");
        AssertBadInput(CliRun.Invoke("evaluate", "--hyp", hyp, "--ref", reference), "--hyp has 3 lines but --ref has 2; they must match line for line");
    }

    [Fact]
    public void EvaluateWithALatin1ReferenceNamesTheFileAndLine()
    {
        string hyp = Write("hyp.txt", "a\nb\n");
        string reference = Write("ref.txt", Latin1("a\nb", 0xFC, "\n"));
        AssertBadInput(CliRun.Invoke("evaluate", "--hyp", hyp, "--ref", reference), "ref.txt, line 2: the file is not UTF-8");
    }

    [Fact]
    public void EvaluateWithAMissingFileNamesIt()
    {
        string hyp = Write("hyp.txt", "a\n");
        AssertBadInput(CliRun.Invoke("evaluate", "--hyp", hyp, "--ref", Path.Combine(root, "nope.txt")), "nope.txt", "does not exist");
    }

    [Fact]
    public void EvaluateAcceptsCrlfAndABomAsPlainLines()
    {
        string hyp = Write("hyp.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("you are the light of the world\r\nlove your neighbour as yourself\r\n")]);
        string reference = Write("ref.txt", "you are the light of the world\nlove your neighbour as yourself\n");
        (int code, string output) = CliRun.Invoke("evaluate", "--hyp", hyp, "--ref", reference, "--metrics", "bleu", "--json");
        Assert.Equal(0, code);
        Assert.Equal(100, JsonSerializer.Deserialize<Dictionary<string, double>>(output)!["bleu"]);
    }
}
