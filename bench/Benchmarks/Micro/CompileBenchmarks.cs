using System.Reflection;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using EdgeWasm.Runtime;
using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Validation;

namespace EdgeWasm.Benchmarks.Micro;

/// <summary>
/// Loading a clang-built module, phase by phase: decode; decode + validate; <see cref="Runtime.Module.FromBytes(Runtime.Engine, byte[], string?)"/>
/// (decode, validate, emit IL); and that plus RyuJIT compiling every function, which the engine otherwise does
/// lazily on first call. Divide the module's code section size by the time for throughput.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class CompileBenchmarks : IDisposable
{
    private Runtime.Engine _engine = null!;
    private byte[] _bytes = null!;

    /// <summary>libc-kitchen: most of wasi-libc (bench/Benchmarks/Micro); kvstore: the WASI test fixture.</summary>
    [Params("libc-kitchen", "kvstore")]
    public string ModuleName { get; set; } = "";

    /// <summary>Reads the module and prints its size, for throughput.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = new Runtime.Engine();
        _bytes = File.ReadAllBytes(Repository.Fixture(ModuleName + ".wasm"));
        var info = ModuleDecoder.Decode(_bytes);
        var codeBytes = info.Bodies.Sum(b => (long)b.CodeLength);
        Console.WriteLine($"// {ModuleName}.wasm: {_bytes.Length} bytes, {info.Bodies.Count} functions, {codeBytes} bytes of function bodies");
    }

    /// <summary>Disposes the engine.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _engine.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Decoding only.</summary>
    [Benchmark]
    public int Decode() => ModuleDecoder.Decode(_bytes).Bodies.Count;

    /// <summary>Decoding and validation.</summary>
    [Benchmark]
    public int DecodeValidate()
    {
        var info = ModuleDecoder.Decode(_bytes);
        ModuleValidator.Validate(info);
        return info.Bodies.Count;
    }

    /// <summary>Module.FromBytes: decode, validate, emit IL.</summary>
    [Benchmark]
    public Runtime.Module Load() => Runtime.Module.FromBytes(_engine, _bytes);

    /// <summary>Module.FromBytes, then RyuJIT compiles every generated method.</summary>
    [Benchmark]
    public Runtime.Module LoadAndJitAll()
    {
        var module = Runtime.Module.FromBytes(_engine, _bytes);
        foreach (var method in module.Compiled.Type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        }

        return module;
    }
}
