namespace Smoothie.Embeddings.Readers;

/// <summary>One node of an ONNX graph (NodeProto), enough to follow data flow between initializers.</summary>
/// <param name="Name">The node name (may be empty).</param>
/// <param name="OpType">The operator, e.g. <c>MatMul</c>, <c>Add</c>.</param>
/// <param name="Inputs">Input value names in order.</param>
/// <param name="Outputs">Output value names in order.</param>
public sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
