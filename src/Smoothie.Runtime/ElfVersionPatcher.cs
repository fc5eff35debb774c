// This file is compiled into two assemblies: Smoothie.Runtime (runtime diagnostics) and
// Smoothie.Runtime.Build (the MSBuild task that patches libLibTorchSharp.so at build time).
// It must therefore stay compatible with netstandard2.0 (no spans, no BinaryPrimitives).
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Smoothie.Runtime
{
    /// <summary>Outcome of analysing or patching one ELF shared library.</summary>
#if SMOOTHIE_BUILD_TASK
    internal enum ElfPatchStatus
#else
    public enum ElfPatchStatus
#endif
    {
        /// <summary>The file is not a little-endian ELF64 shared object; nothing was done.</summary>
        NotElf64,

        /// <summary>The library does not require the missing symbol version (or only weakly, with no symbol bound to it).</summary>
        NotNeeded,

        /// <summary>The library was already patched by this tool; nothing was done.</summary>
        AlreadyPatched,

        /// <summary>The library requires the version and can be patched (analysis only).</summary>
        Patchable,

        /// <summary>The library was patched.</summary>
        Patched,

        /// <summary>The library requires the version, but through a symbol this tool has no safe replacement for.</summary>
        Unsupported,
    }

    /// <summary>Result of <see cref="ElfVersionPatcher.Analyze(byte[], string)"/> or a patch operation.</summary>
#if SMOOTHIE_BUILD_TASK
    internal sealed class ElfPatchResult
#else
    public sealed class ElfPatchResult
#endif
    {
        /// <summary>Creates a result.</summary>
        public ElfPatchResult(ElfPatchStatus status, string message, IReadOnlyList<string> boundSymbols)
        {
            Status = status;
            Message = message;
            BoundSymbols = boundSymbols;
        }

        /// <summary>What was found or done.</summary>
        public ElfPatchStatus Status { get; }

        /// <summary>A one-line human-readable explanation.</summary>
        public string Message { get; }

        /// <summary>Undefined dynamic symbols that were bound to the missing version (before patching).</summary>
        public IReadOnlyList<string> BoundSymbols { get; }
    }

    /// <summary>
    /// Makes an ELF64 shared library that was linked against a newer libstdc++ loadable on systems whose
    /// libstdc++ lacks one symbol version (by default <c>GLIBCXX_3.4.32</c>, needed by TorchSharp 0.107's
    /// <c>libLibTorchSharp.so</c> for the single symbol <c>std::ios_base_library_init()</c>).
    /// </summary>
    /// <remarks>
    /// The patch, done in place on a copy of the bytes:
    /// <list type="number">
    /// <item>each undefined dynamic symbol bound to the version is renamed, inside <c>.dynstr</c>, to a harmless
    /// no-argument libstdc++ function that every libstdc++ since GCC 4 exports (NUL-padded, same length budget);</item>
    /// <item>its <c>.gnu.version</c> entry is set to 1 (global, unversioned);</item>
    /// <item>the version's <c>.gnu.version_r</c> auxiliary entry gets <c>VER_FLG_WEAK</c>, so the dynamic loader
    /// no longer refuses the library when the version is absent.</item>
    /// </list>
    /// The patch is idempotent and refuses (status <see cref="ElfPatchStatus.Unsupported"/>) when a bound symbol has
    /// no known replacement.
    /// </remarks>
#if SMOOTHIE_BUILD_TASK
    internal static class ElfVersionPatcher
#else
    public static class ElfVersionPatcher
#endif
    {
        /// <summary>The symbol version that Debian 12 / Ubuntu 22.04 / RHEL 9 libstdc++ lacks.</summary>
        public const string DefaultMissingVersion = "GLIBCXX_3.4.32";

        private const ushort VerFlgWeak = 0x2;

        /// <summary>Known safe replacements: symbol bound to the missing version → existing no-argument function.</summary>
        public static readonly IReadOnlyDictionary<string, string> Replacements = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // std::ios_base_library_init() (GCC 13+) → std::get_new_handler() (libstdc++ 4.9+, GLIBCXX_3.4.20).
            ["_ZSt21ios_base_library_initv"] = "_ZSt15get_new_handlerv",
        };

        /// <summary>Analyses an ELF image without changing it.</summary>
        /// <param name="image">The bytes of the file.</param>
        /// <param name="missingVersion">The symbol version the system lacks.</param>
        public static ElfPatchResult Analyze(byte[] image, string missingVersion = DefaultMissingVersion)
        {
            if (image == null) throw new ArgumentNullException(nameof(image));
            return Run(image, missingVersion, apply: false);
        }

        /// <summary>Patches an ELF image in memory (the array is modified when the status is <see cref="ElfPatchStatus.Patched"/>).</summary>
        /// <param name="image">The bytes of the file.</param>
        /// <param name="missingVersion">The symbol version the system lacks.</param>
        public static ElfPatchResult Patch(byte[] image, string missingVersion = DefaultMissingVersion)
        {
            if (image == null) throw new ArgumentNullException(nameof(image));
            return Run(image, missingVersion, apply: true);
        }

        /// <summary>
        /// Patches a file atomically: the patched bytes are written to a temporary file beside it which then
        /// replaces the original (so a hard link into a package cache is never modified, and an interrupted
        /// build never leaves a half-written library). File mode is preserved on Unix.
        /// </summary>
        /// <param name="path">The library to patch.</param>
        /// <param name="missingVersion">The symbol version the system lacks.</param>
        public static ElfPatchResult PatchFile(string path, string missingVersion = DefaultMissingVersion)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A library path is required.", nameof(path));
            byte[] image = File.ReadAllBytes(path);
            ElfPatchResult result = Patch(image, missingVersion);
            if (result.Status != ElfPatchStatus.Patched) return result;

            string temp = path + ".smoothie-patch.tmp";
            File.WriteAllBytes(temp, image);
            CopyUnixMode(path, temp);
            ReplaceFile(temp, path);
            return result;
        }

        /// <summary>
        /// True when a libstdc++ found in the usual system locations defines <paramref name="version"/>
        /// (searched as a NUL-terminated string). False when no libstdc++ is found; ask only on Linux.
        /// </summary>
        /// <param name="version">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
        /// <param name="foundLibrary">The libstdc++ that was inspected, or null when none was found.</param>
        public static bool SystemLibStdCxxDefines(string version, out string? foundLibrary)
        {
            foundLibrary = FindSystemLibStdCxx();
            return foundLibrary != null && LibraryDefines(foundLibrary, version);
        }

        /// <summary>True when the library at <paramref name="libraryPath"/> contains the version name <paramref name="version"/>.</summary>
        /// <param name="libraryPath">A libstdc++ (or any shared library).</param>
        /// <param name="version">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
        public static bool LibraryDefines(string libraryPath, string version)
        {
            byte[] bytes = File.ReadAllBytes(libraryPath);
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            return IndexOf(bytes, needle) >= 0;
        }

        /// <summary>Finds the system libstdc++.so.6 in the standard library directories, or null.</summary>
        public static string? FindSystemLibStdCxx()
        {
            string[] dirs =
            {
                "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
                "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            };
            foreach (string dir in dirs)
            {
                string candidate = Path.Combine(dir, "libstdc++.so.6");
                if (File.Exists(candidate)) return candidate;
            }

            return null;
        }

        private static ElfPatchResult Run(byte[] b, string missingVersion, bool apply)
        {
            var none = new List<string>();
            string? invalid = ElfImage.ReadSections(b, out List<ElfImage.Section> sections, out ElfImage.Section? dynsym, out ElfImage.Section? versym, out ElfImage.Section? verneed);
            if (invalid != null)
            {
                return new ElfPatchResult(ElfPatchStatus.NotElf64, invalid, none);
            }

            if (dynsym == null || versym == null || verneed == null)
            {
                return new ElfPatchResult(ElfPatchStatus.NotNeeded, "no dynamic symbol versioning; nothing to patch", none);
            }

            ElfImage.Section dynstr = sections[dynsym.Link];
            int auxOffset = ElfImage.FindVersionNeed(b, verneed, dynstr, missingVersion, out ushort flags, out int versionIndex);
            if (auxOffset < 0)
            {
                return new ElfPatchResult(ElfPatchStatus.NotNeeded, "does not require " + missingVersion, none);
            }

            // Symbols bound to that version.
            int count = dynsym.Size / 24;
            var bound = new List<int>();
            var boundNames = new List<string>();
            for (int i = 0; i < count; i++)
            {
                int vs = ElfImage.U16(b, versym.Offset + (2 * i)) & 0x7fff;
                if (vs == versionIndex)
                {
                    bound.Add(i);
                    boundNames.Add(ElfImage.CString(b, dynstr.Offset + (int)ElfImage.U32(b, dynsym.Offset + (24 * i))));
                }
            }

            bool weak = (flags & VerFlgWeak) != 0;
            if (bound.Count == 0 && weak)
            {
                return new ElfPatchResult(ElfPatchStatus.AlreadyPatched, missingVersion + " is weak and unused (already patched)", boundNames);
            }

            foreach (string name in boundNames)
            {
                if (!Replacements.ContainsKey(name))
                {
                    return new ElfPatchResult(ElfPatchStatus.Unsupported, "symbol '" + name + "' needs " + missingVersion + " and has no known safe replacement", boundNames);
                }
            }

            if (!apply)
            {
                return new ElfPatchResult(ElfPatchStatus.Patchable, "requires " + missingVersion + (bound.Count == 0 ? " (no symbol bound)" : " for " + string.Join(", ", boundNames.ToArray())), boundNames);
            }

            ElfPatchResult? refused = Rebind(b, dynsym, versym, dynstr, bound, boundNames);
            if (refused != null)
            {
                return refused;
            }

            ushort newFlags = (ushort)(flags | VerFlgWeak);
            b[auxOffset + 4] = (byte)(newFlags & 0xff);
            b[auxOffset + 5] = (byte)(newFlags >> 8);
            return new ElfPatchResult(ElfPatchStatus.Patched, "weakened " + missingVersion + " and rebound " + string.Join(", ", boundNames.ToArray()), boundNames);
        }

        /// <summary>
        /// Renames each bound symbol in place and makes it unversioned, unless another symbol shares (a tail of) its
        /// string; a result when a symbol cannot be rebound (the symbols before it are already changed).
        /// </summary>
        private static ElfPatchResult? Rebind(byte[] b, ElfImage.Section dynsym, ElfImage.Section versym, ElfImage.Section dynstr, List<int> bound, List<string> boundNames)
        {
            int count = dynsym.Size / 24;
            for (int k = 0; k < bound.Count; k++)
            {
                int i = bound[k];
                int nameOffset = (int)ElfImage.U32(b, dynsym.Offset + (24 * i));
                string oldName = boundNames[k];
                string newName = Replacements[oldName];
                if (newName.Length > oldName.Length)
                {
                    return new ElfPatchResult(ElfPatchStatus.Unsupported, "replacement for '" + oldName + "' is longer than the original", boundNames);
                }

                for (int j = 0; j < count; j++)
                {
                    int other = (int)ElfImage.U32(b, dynsym.Offset + (24 * j));
                    if (j != i && other > nameOffset && other <= nameOffset + oldName.Length)
                    {
                        return new ElfPatchResult(ElfPatchStatus.Unsupported, "the string of '" + oldName + "' is shared with another symbol", boundNames);
                    }
                }

                int start = dynstr.Offset + nameOffset;
                for (int c = 0; c < oldName.Length; c++)
                {
                    b[start + c] = c < newName.Length ? (byte)newName[c] : (byte)0;
                }

                b[versym.Offset + (2 * i)] = 1;
                b[versym.Offset + (2 * i) + 1] = 0;
            }

            return null;
        }

        private static void ReplaceFile(string source, string destination)
        {
            // File.Move with overwrite is rename(2) on Unix: atomic within one file system.
#if NETSTANDARD2_0
            if (File.Exists(destination))
            {
                File.Delete(destination);
            }

            File.Move(source, destination);
#else
            File.Move(source, destination, overwrite: true);
#endif
        }

        private static void CopyUnixMode(string from, string to)
        {
#if !NETSTANDARD2_0
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(to, File.GetUnixFileMode(from));
            }
#endif
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i <= haystack.Length - needle.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }

            return -1;
        }
    }
}
