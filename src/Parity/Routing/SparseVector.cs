namespace Parity.Routing;

/// <summary>A sparse feature vector: ascending indices and their values.</summary>
internal readonly record struct SparseVector(int[] Indices, float[] Values);
