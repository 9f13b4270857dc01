namespace EdgeWasm.Runtime.Decoding;

/// <summary>One entry of a function's local declarations: <see cref="Count"/> locals of <see cref="Type"/>,
/// the first of which is declared local number <see cref="Start"/> (parameters not counted).</summary>
internal readonly record struct LocalGroup(int Start, int Count, ValueKind Type);
