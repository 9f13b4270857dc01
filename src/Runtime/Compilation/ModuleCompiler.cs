using System.Reflection;
using System.Reflection.Emit;
using EdgeWasm.Runtime.Decoding;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>Compiles a validated module: one assembly (collectible unless tiered), one static method per defined function.
/// The IL is emitted now; the runtime JITs each method on its first call.</summary>
internal static class ModuleCompiler
{
    /// <summary>Frames estimated above this size make every function check for that much extra stack, because the
    /// JIT probes a large frame's pages before the function's own stack check can run.</summary>
    private const int LargeFrame = 64 * 1024;

    public static CompiledModule Compile(Engine engine, ModuleInfo info, string? name)
    {
        // The runtime tiers only methods it can version, and it does not version methods of collectible assemblies: tiered
        // compilation costs the ability to unload the module's code.
        var module = DynamicCode.DefineModule("Module", collectible: engine.Options.OptimizeEagerly);
        var type = module.DefineType("WasmModule", DynamicCode.StaticClass);
        var methods = new MethodBuilder[info.FunctionTypeIndices.Count];
        for (var i = 0; i < methods.Length; i++)
        {
            var functionType = info.Types[(int)info.FunctionTypeIndices[i]];
            methods[i] = type.DefineMethod(
                CompiledModule.MethodName(info.ImportedFunctionCount + i),
                DynamicCode.StaticMethod,
                ClrTypes.ReturnType(functionType),
                ClrTypes.ParameterTypes(functionType));
            if (engine.Options.OptimizeEagerly) methods[i].SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
        }

        var typeIds = info.Types.Select(engine.TypeIds.GetId).ToArray();
        var compilation = new ModuleCompilation(info, engine.Options, methods, typeIds, FrameAllowance(info));
        for (var i = 0; i < methods.Length; i++) new FunctionCompiler(compilation, i).Compile();

        var created = type.CreateType();
        var byName = created.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).ToDictionary(m => m.Name);
        var code = new nint[methods.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            // A stable entry point; the method itself is JIT-compiled on its first call.
            code[i] = byName[CompiledModule.MethodName(info.ImportedFunctionCount + i)].MethodHandle.GetFunctionPointer();
        }

        return new CompiledModule(engine, info, name, created, code, typeIds);
    }

    private static int FrameAllowance(ModuleInfo info)
    {
        long largest = 0;
        for (var i = 0; i < info.Bodies.Count; i++)
        {
            var parameters = info.Types[(int)info.FunctionTypeIndices[i]].Parameters.Count;
            largest = Math.Max(largest, 16L * (info.Bodies[i].LocalCount + parameters));
        }

        return largest > LargeFrame ? (int)Math.Min(largest * 2, int.MaxValue / 2) : 0;
    }
}
