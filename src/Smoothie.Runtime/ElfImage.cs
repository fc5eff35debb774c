// Compiled into Smoothie.Runtime and Smoothie.Runtime.Build with ElfVersionPatcher.cs: netstandard2.0-compatible.
using System.Collections.Generic;
using System.Text;

namespace Smoothie.Runtime
{
    /// <summary>Reading a little-endian ELF64 image for <see cref="ElfVersionPatcher"/>: section headers, symbol versions, integers and strings.</summary>
    internal static class ElfImage
    {
        private const uint ShtDynsym = 11;
        private const uint ShtNobits = 8;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtGnuVersym = 0x6fffffff;

        /// <summary>Reads the section headers and finds the dynamic symbol and version sections; why, when the file is not a usable ELF64.</summary>
        public static string? ReadSections(byte[] b, out List<Section> sections, out Section? dynsym, out Section? versym, out Section? verneed)
        {
            sections = new List<Section>();
            dynsym = versym = verneed = null;
            if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F' || b[4] != 2 || b[5] != 1)
            {
                return "not a little-endian ELF64 file";
            }

            ulong shoff = U64(b, 0x28);
            int shentsize = U16(b, 0x3A);
            int shnum = U16(b, 0x3C);
            if (shoff == 0 || shentsize < 64 || shoff + (ulong)(shentsize * shnum) > (ulong)b.Length)
            {
                return "ELF section header table is missing or truncated";
            }

            for (int i = 0; i < shnum; i++)
            {
                int h = (int)shoff + (i * shentsize);
                var s = new Section(U32(b, h + 4), (int)U64(b, h + 0x18), (int)U64(b, h + 0x20), (int)U32(b, h + 0x28), (int)U32(b, h + 0x2C), (int)U64(b, h + 0x38));
                if (s.Type != ShtNobits && (s.Offset < 0 || (long)s.Offset + s.Size > b.Length))
                {
                    return "ELF section " + i + " lies outside the file (truncated?)";
                }

                sections.Add(s);
                if (s.Type == ShtDynsym) dynsym = s;
                else if (s.Type == ShtGnuVersym) versym = s;
                else if (s.Type == ShtGnuVerneed) verneed = s;
            }

            return null;
        }

        /// <summary>The offset of the (last) vernaux entry of <paramref name="missingVersion"/> in <c>.gnu.version_r</c>, or −1.</summary>
        public static int FindVersionNeed(byte[] b, Section verneed, Section dynstr, string missingVersion, out ushort flags, out int versionIndex)
        {
            int auxOffset = -1;
            versionIndex = -1;
            flags = 0;
            int vn = verneed.Offset;
            for (int n = 0; n < verneed.Info && vn >= verneed.Offset && vn < verneed.Offset + verneed.Size; n++)
            {
                int cnt = U16(b, vn + 2);
                int aux = vn + (int)U32(b, vn + 8);
                for (int a = 0; a < cnt; a++)
                {
                    string name = CString(b, dynstr.Offset + (int)U32(b, aux + 8));
                    if (name == missingVersion)
                    {
                        auxOffset = aux;
                        flags = (ushort)U16(b, aux + 4);
                        versionIndex = U16(b, aux + 6) & 0x7fff;
                    }

                    aux += (int)U32(b, aux + 12);
                }

                uint next = U32(b, vn + 12);
                if (next == 0) break;
                vn += (int)next;
            }

            return auxOffset;
        }

        /// <summary>The NUL-terminated ASCII string at <paramref name="offset"/>.</summary>
        public static string CString(byte[] b, int offset)
        {
            int end = offset;
            while (end < b.Length && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, offset, end - offset);
        }

        /// <summary>Little-endian integers at an offset.</summary>
        public static int U16(byte[] b, int o) => b[o] | (b[o + 1] << 8);

        public static uint U32(byte[] b, int o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));

        public static ulong U64(byte[] b, int o) => U32(b, o) | ((ulong)U32(b, o + 4) << 32);

        /// <summary>A section header: type, file offset and size, linked section and info field, entry size.</summary>
        public sealed class Section(uint type, int offset, int size, int link, int info, int entsize)
        {
            public uint Type { get; } = type;

            public int Offset { get; } = offset;

            public int Size { get; } = size;

            public int Link { get; } = link;

            public int Info { get; } = info;

            public int EntSize { get; } = entsize;
        }
    }
}
