using System.Buffers;
using System.Text.Unicode;

namespace Smoothie.Cli;

/// <summary>
/// <c>--input -</c>: the source texts read from standard input, one per line, as strict UTF-8 (a byte-order mark is
/// dropped; bytes that are not UTF-8 are an error naming the line, as for input files).
/// </summary>
internal static class StandardInputLines
{
    /// <summary>The <c>--input</c> value that means standard input.</summary>
    public const string Name = "-";

    /// <summary>Reads every line of <paramref name="input"/> to its end.</summary>
    /// <param name="input">Standard input (or, in tests, any stream).</param>
    /// <exception cref="ArgumentException">The bytes are not UTF-8 text; the message names the line.</exception>
    public static IReadOnlyList<string> Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        ReadOnlySpan<byte> bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        char[] chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: true) != OperationStatus.Done)
        {
            throw new ArgumentException(
                $"--input -: standard input is not UTF-8 text: byte 0x{bytes[read]:X2} on line {bytes[..read].Count((byte)'\n') + 1} is not valid UTF-8, as in a Latin-1 or Windows-1252 file; convert it first (e.g. iconv -f WINDOWS-1252 -t UTF-8).");
        }

        string text = new(chars, 0, written);
        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
