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

    /// <summary>
    /// PyTorch's <c>torch.save</c> zip format (<c>.pt</c>, <c>.pth</c>, <c>.bin</c>): a bare state dict, or on reading also the
    /// authors' trainer checkpoint (<see cref="PyTorchStateFile"/>). Written files load with
    /// <c>model.load_state_dict(torch.load(path))</c>.
    /// </summary>
    PyTorch,
}
