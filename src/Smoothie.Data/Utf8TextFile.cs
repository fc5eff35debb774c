using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Smoothie.Data;

/// <summary>
/// Reads a text file as strict UTF-8: a UTF-8 byte-order mark is dropped, UTF-16 files with a byte-order mark are
/// decoded as such, and bytes that are not UTF-8 (a Latin-1 or Windows-1252 file) or NUL bytes (a binary or UTF-16 file
/// without a mark) are an error naming the line, instead of text silently turned into replacement characters.
/// </summary>
internal static class Utf8TextFile
{
    public static string ReadAllText(string path)
    {
        ReadOnlySpan<byte> bytes = File.ReadAllBytes(path);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new DataFormatException(
                path, LineOf(bytes, nul), "the file contains NUL bytes, so it is not UTF-8 text: it is a binary file or UTF-16 without a byte-order mark; give a UTF-8 text file.");
        }

        char[] chars = new char[bytes.Length];
        OperationStatus status = Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: true);
        if (status != OperationStatus.Done)
        {
            int lineStart = bytes[..read].LastIndexOf((byte)'\n') + 1;
            throw new DataFormatException(
                path,
                LineOf(bytes, read),
                $"the file is not UTF-8: byte 0x{bytes[read]:X2} (byte {read - lineStart + 1} of the line) is not valid UTF-8, as in a Latin-1 or Windows-1252 file; "
                + $"re-save it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8 {Path.GetFileName(path)} > utf8-{Path.GetFileName(path)}).");
        }

        return new string(chars, 0, written);
    }

    private static int LineOf(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;
}
