namespace Smoothie.Embeddings.Readers;

/// <summary>
/// The parts of an ONNX model (ModelProto) needed to take weights out of it without running it: the graph's
/// initializers (name, shape, type; values decoded on demand) and its nodes (operator, inputs, outputs).
/// Parsed with a small built-in protobuf reader: ModelProto.graph (7) → GraphProto.node (1) / initializer (5) →
/// TensorProto dims (1), data_type (2), float_data (4), name (8), raw_data (9), data_location (14).
/// </summary>
public sealed class OnnxModelFile
{
    private readonly Dictionary<string, OnnxInitializer> _byName;

    private OnnxModelFile(string source, List<OnnxInitializer> initializers, List<OnnxNode> nodes)
    {
        Source = source;
        Initializers = initializers;
        Nodes = nodes;
        _byName = new Dictionary<string, OnnxInitializer>(StringComparer.Ordinal);
        foreach (OnnxInitializer initializer in initializers)
        {
            _byName[initializer.Name] = initializer;
        }
    }

    /// <summary>The file path or name the model came from (used in error messages).</summary>
    public string Source { get; }

    /// <summary>The graph's initializers in file order.</summary>
    public IReadOnlyList<OnnxInitializer> Initializers { get; }

    /// <summary>The graph's nodes in file (topological) order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>Reads and parses a model file.</summary>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable ONNX model.</exception>
    public static OnnxModelFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The ONNX model '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a whole stream (not disposed) and parses it.</summary>
    /// <param name="stream">The model bytes.</param>
    /// <param name="source">A name for error messages.</param>
    public static OnnxModelFile Load(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), source);
    }

    /// <summary>Parses model bytes (kept, not copied; do not modify them afterwards).</summary>
    /// <param name="model">The ONNX ModelProto bytes.</param>
    /// <param name="source">A name for error messages.</param>
    /// <exception cref="InvalidDataException">The bytes are not a readable ONNX model or have no graph.</exception>
    public static OnnxModelFile Parse(byte[] model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var reader = new ProtobufReader(model, 0, model.Length, source);
        var initializers = new List<OnnxInitializer>();
        var nodes = new List<OnnxNode>();
        bool sawGraph = false;
        while (reader.TryReadTag(out int field, out int wire))
        {
            if (field == 7 && wire == ProtobufReader.LengthDelimited)
            {
                sawGraph = true;
                ReadGraph(reader.ReadMessage(), model, source, initializers, nodes);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (!sawGraph)
        {
            throw new InvalidDataException($"'{source}' has no ONNX graph (ModelProto field 7); it is not an ONNX model or is empty.");
        }

        return new OnnxModelFile(source, initializers, nodes);
    }

    /// <summary>Finds an initializer by exact name.</summary>
    /// <param name="name">The initializer name.</param>
    /// <param name="initializer">The initializer when found.</param>
    public bool TryGetInitializer(string name, out OnnxInitializer initializer) =>
        _byName.TryGetValue(name, out initializer!);

    /// <summary>An initializer by exact name.</summary>
    /// <param name="name">The initializer name.</param>
    /// <exception cref="ArgumentException">No initializer has that name; the message lists the available names.</exception>
    public OnnxInitializer GetInitializer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out OnnxInitializer? initializer))
        {
            return initializer;
        }

        throw new ArgumentException(
            $"The ONNX model '{Source}' has no initializer named '{name}'. Available ({Initializers.Count}): "
            + ReaderMessages.ListNames(Initializers.Select(i => $"{i.Name} {i.ShapeText}")),
            nameof(name));
    }

    private static void ReadGraph(ProtobufReader graph, byte[] model, string source, List<OnnxInitializer> initializers, List<OnnxNode> nodes)
    {
        while (graph.TryReadTag(out int field, out int wire))
        {
            if (field == 1 && wire == ProtobufReader.LengthDelimited)
            {
                nodes.Add(ReadNode(graph.ReadMessage()));
            }
            else if (field == 5 && wire == ProtobufReader.LengthDelimited)
            {
                initializers.Add(ReadTensor(graph.ReadMessage(), model, source));
            }
            else
            {
                graph.Skip(wire);
            }
        }
    }

    private static OnnxNode ReadNode(ProtobufReader node)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = string.Empty;
        string opType = string.Empty;
        while (node.TryReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == ProtobufReader.LengthDelimited:
                    inputs.Add(node.ReadString());
                    break;
                case 2 when wire == ProtobufReader.LengthDelimited:
                    outputs.Add(node.ReadString());
                    break;
                case 3 when wire == ProtobufReader.LengthDelimited:
                    name = node.ReadString();
                    break;
                case 4 when wire == ProtobufReader.LengthDelimited:
                    opType = node.ReadString();
                    break;
                default:
                    node.Skip(wire);
                    break;
            }
        }

        return new OnnxNode(name, opType, inputs, outputs);
    }

    private static OnnxInitializer ReadTensor(ProtobufReader tensor, byte[] model, string source)
    {
        var dims = new List<long>();
        int dataType = 0;
        string name = string.Empty;
        (int Offset, int Length) raw = (0, 0);
        var packedFloats = new List<(int Offset, int Length)>();
        var looseFloats = new List<float>();
        bool external = false;
        while (tensor.TryReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == ProtobufReader.Varint:
                    dims.Add((long)tensor.ReadVarint());
                    break;
                case 1 when wire == ProtobufReader.LengthDelimited:
                    ProtobufReader packed = tensor.ReadMessage();
                    while (!packed.AtEnd)
                    {
                        dims.Add((long)packed.ReadVarint());
                    }

                    break;
                case 2 when wire == ProtobufReader.Varint:
                    dataType = (int)tensor.ReadVarint();
                    break;
                case 4 when wire == ProtobufReader.LengthDelimited:
                    packedFloats.Add(tensor.ReadLengthDelimited());
                    break;
                case 4 when wire == ProtobufReader.Fixed32:
                    looseFloats.Add(BitConverter.UInt32BitsToSingle(tensor.ReadFixed32()));
                    break;
                case 8 when wire == ProtobufReader.LengthDelimited:
                    name = tensor.ReadString();
                    break;
                case 9 when wire == ProtobufReader.LengthDelimited:
                    raw = tensor.ReadLengthDelimited();
                    break;
                case 14 when wire == ProtobufReader.Varint:
                    external = tensor.ReadVarint() == 1;
                    break;
                default:
                    tensor.Skip(wire);
                    break;
            }
        }

        return new OnnxInitializer(name, dims.ToArray(), dataType, model, raw, packedFloats, looseFloats, external, source);
    }
}
