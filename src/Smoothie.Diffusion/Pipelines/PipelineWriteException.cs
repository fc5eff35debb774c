namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// A pipeline folder could not be written (a full disk, a read-only folder). Every file of a folder is replaced
/// atomically, so each file there is either its previous or its new version, never half-written.
/// </summary>
public sealed class PipelineWriteException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="directory">The pipeline folder.</param>
    /// <param name="inner">The I/O error.</param>
    public PipelineWriteException(string directory, Exception inner)
        : base(
            $"Could not write the pipeline folder '{directory}': {inner?.Message} No file there is half-written (each is replaced atomically). "
            + "Free disk space or choose a writable folder, then save again.",
            inner)
    {
        PipelineDirectory = directory;
    }

    /// <summary>The pipeline folder.</summary>
    public string PipelineDirectory { get; }
}
