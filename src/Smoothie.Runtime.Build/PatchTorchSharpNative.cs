using System;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Smoothie.Runtime.Build
{
    /// <summary>
    /// Makes every <c>libLibTorchSharp.so</c> below <see cref="Directory"/> loadable on a Linux whose
    /// libstdc++ lacks <see cref="MissingVersion"/> (Debian 12, Ubuntu 22.04, RHEL 9 with TorchSharp 0.107).
    /// Does nothing when the system libstdc++ defines the version, and nothing to files already patched.
    /// </summary>
    public sealed class PatchTorchSharpNative : Task
    {
        /// <summary>The output or publish folder to scan.</summary>
        [Required]
        public string Directory { get; set; } = string.Empty;

        /// <summary>The symbol version to make optional; default <c>GLIBCXX_3.4.32</c>.</summary>
        public string MissingVersion { get; set; } = ElfVersionPatcher.DefaultMissingVersion;

        /// <summary>The libstdc++ to check instead of the system one (for tests and cross-builds); optional.</summary>
        public string? LibStdCxxPath { get; set; }

        /// <summary>Patch even when the system libstdc++ has the version (for cross-builds to an older distribution).</summary>
        public bool Force { get; set; }

        /// <summary>The files that were patched by this invocation.</summary>
        [Output]
        public string[] PatchedFiles { get; private set; } = Array.Empty<string>();

        /// <inheritdoc />
        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                return true;
            }

            string? lib = string.IsNullOrEmpty(LibStdCxxPath) ? ElfVersionPatcher.FindSystemLibStdCxx() : LibStdCxxPath;
            if (!Force && lib != null && ElfVersionPatcher.LibraryDefines(lib, MissingVersion))
            {
                Log.LogMessage(MessageImportance.Low, "Smoothie: system libstdc++ ({0}) defines {1}; libLibTorchSharp.so needs no patch.", lib, MissingVersion);
                return true;
            }

            var patched = new System.Collections.Generic.List<string>();
            foreach (string file in System.IO.Directory.GetFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                ElfPatchResult result;
                try
                {
                    result = ElfVersionPatcher.PatchFile(file, MissingVersion);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    Log.LogWarning("Smoothie: could not patch {0}: {1}", file, e.Message);
                    continue;
                }

                switch (result.Status)
                {
                    case ElfPatchStatus.Patched:
                        patched.Add(file);
                        Log.LogMessage(MessageImportance.High, "Smoothie: made {0} loadable on this libstdc++ ({1}).", file, result.Message);
                        break;
                    case ElfPatchStatus.Unsupported:
                        Log.LogWarning("Smoothie: {0} cannot be patched: {1}. TorchSharp may fail to load on this system.", file, result.Message);
                        break;
                    default:
                        Log.LogMessage(MessageImportance.Low, "Smoothie: {0}: {1}.", file, result.Message);
                        break;
                }
            }

            PatchedFiles = patched.ToArray();
            return true;
        }
    }
}
