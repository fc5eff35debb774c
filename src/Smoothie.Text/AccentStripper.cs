using System.Globalization;
using System.Text;

namespace Smoothie.Text;

/// <summary>
/// Lower-case-independent accent stripping as bert-base-uncased does it (NFD, then drop non-spacing marks), implemented
/// with a built-in table for precomposed Latin letters (U+00C0–U+024F, U+1E00–U+1EFF) so that it also works when .NET
/// runs with invariant globalization (where <see cref="string.Normalize(NormalizationForm)"/> does not decompose).
/// </summary>
internal static class AccentStripper
{
    private const string Latin1AndExtended = "AAAAAA\u00c6CEEEEIIII\u00d0NOOOOO\u00d7\u00d8UUUUY\u00de\u00dfaaaaaa\u00e6ceeeeiiii\u00f0nooooo\u00f7\u00f8uuuuy\u00feyAaAaAaCcCcCcCcDd\u0110\u0111EeEeEeEeEeGgGgGgGgHh\u0126\u0127IiIiIiIiI\u0131\u0132\u0133JjKk\u0138LlLlLl\u013f\u0140\u0141\u0142NnNnNn\u0149\u014a\u014bOoOoOo\u0152\u0153RrRrRrSsSsSsSsTtTt\u0166\u0167UuUuUuUuUuUuWwYyYZzZzZz\u017f\u0180\u0181\u0182\u0183\u0184\u0185\u0186\u0187\u0188\u0189\u018a\u018b\u018c\u018d\u018e\u018f\u0190\u0191\u0192\u0193\u0194\u0195\u0196\u0197\u0198\u0199\u019a\u019b\u019c\u019d\u019e\u019fOo\u01a2\u01a3\u01a4\u01a5\u01a6\u01a7\u01a8\u01a9\u01aa\u01ab\u01ac\u01ad\u01aeUu\u01b1\u01b2\u01b3\u01b4\u01b5\u01b6\u01b7\u01b8\u01b9\u01ba\u01bb\u01bc\u01bd\u01be\u01bf\u01c0\u01c1\u01c2\u01c3\u01c4\u01c5\u01c6\u01c7\u01c8\u01c9\u01ca\u01cb\u01ccAaIiOoUuUuUuUuUu\u01ddAaAa\u00c6\u00e6\u01e4\u01e5GgKkOoOo\u01b7\u01efj\u01f1\u01f2\u01f3Gg\u01f6\u01f7NnAa\u00c6\u00e6\u00d8\u00f8AaAaEeEeIiIiOoOoRrRrUuUuSsTt\u021c\u021dHh\u0220\u0221\u0222\u0223\u0224\u0225AaEeOoOoOoOoYy\u0234\u0235\u0236\u0237\u0238\u0239\u023a\u023b\u023c\u023d\u023e\u023f\u0240\u0241\u0242\u0243\u0244\u0245\u0246\u0247\u0248\u0249\u024a\u024b\u024c\u024d\u024e\u024f";

    private const string LatinExtendedAdditional = "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwy\u1e9a\u017f\u1e9c\u1e9d\u1e9e\u1e9fAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy\u1efa\u1efb\u1efc\u1efd\u1efe\u1eff";

    public static string Strip(string text)
    {
        if (!text.IsNormalized(NormalizationForm.FormD))
        {
            text = text.Normalize(NormalizationForm.FormD);
        }

        StringBuilder? builder = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            char mapped = c switch
            {
                >= '\u00C0' and <= '\u024F' => Latin1AndExtended[c - 0xC0],
                >= '\u1E00' and <= '\u1EFF' => LatinExtendedAdditional[c - 0x1E00],
                _ => c,
            };
            bool drop = CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
            if (builder is null && (drop || mapped != c))
            {
                builder = new StringBuilder(text.Length);
                builder.Append(text, 0, i);
            }

            if (builder is not null && !drop)
            {
                builder.Append(mapped);
            }
        }

        return builder?.ToString() ?? text;
    }
}
