namespace Smoothie.Models.Checkpoints;

/// <summary>On-disk formats of a denoiser's parameters and buffers.</summary>
public enum CheckpointFormat
{
    /// <summary>TorchSharp's own <c>Module.save</c> format (LEB128 entry count, then name + tensor per entry).</summary>
    TorchSharp,

    /// <summary>
    /// safetensors: 8-byte little-endian header length, a JSON header <c>{name: {dtype, shape, data_offsets}}</c>, then raw
    /// little-endian data. Readable by PyTorch's <c>safetensors.torch.load_file</c> (reference interoperability).
    /// </summary>
    SafeTensors,
}
