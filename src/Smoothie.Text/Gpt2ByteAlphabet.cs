using System.Text;

namespace Smoothie.Text;

/// <summary>GPT-2's reversible byte → printable character mapping (<c>bytes_to_unicode</c> in the original encoder).</summary>
internal static class Gpt2ByteAlphabet
{
    private static readonly char[] ByteToChar = Build();

    public static string ToPrintable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            text.Append(ByteToChar[b]);
        }

        return text.ToString();
    }

    private static char[] Build()
    {
        var map = new char[256];
        var printable = new bool[256];
        for (int b = '!'; b <= '~'; b++)
        {
            printable[b] = true;
        }

        for (int b = 0xA1; b <= 0xAC; b++)
        {
            printable[b] = true;
        }

        for (int b = 0xAE; b <= 0xFF; b++)
        {
            printable[b] = true;
        }

        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            map[b] = printable[b] ? (char)b : (char)(256 + next++);
        }

        return map;
    }
}
