using System.Reflection.Emit;
using EdgeWasm.Runtime.Decoding;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>What every function compiler of one module shares: the module, the options, the method of each
/// defined function (for direct calls), canonical type ids and the extra stack a function must check for.</summary>
internal sealed record ModuleCompilation(
    ModuleInfo Info,
    EngineOptions Options,
    MethodBuilder[] Methods,
    int[] TypeIds,
    int FrameAllowance);
