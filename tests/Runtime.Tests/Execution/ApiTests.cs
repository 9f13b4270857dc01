using EdgeWasm.Runtime.Errors;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Runtime.Tests.Execution;

public sealed class ApiTests : IDisposable
{
    private readonly Engine _engine = new();
    private readonly List<Store> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void Module_DescribesImportsAndExports()
    {
        var module = Module.FromFile(_engine, Fixtures.Wasm("host-calls"));

        Assert.Equal("host-calls", module.Name);
        var add = Assert.Single(module.Imports, i => i.Name == "add");
        Assert.Equal("host", add.Module);
        Assert.Equal(ExternKind.Function, add.Kind);
        Assert.Equal(new FuncType([ValueKind.I32, ValueKind.I32], [ValueKind.I32]), add.Type.Function);
        var memory = Assert.Single(module.Exports, e => e.Name == "memory");
        Assert.Equal(ExternKind.Memory, memory.Kind);
        Assert.Equal(1u, memory.Type.Minimum);
        Assert.Equal("memory 1", memory.Type.ToString());
    }

    [Fact]
    public void Module_FromBytes_RejectsGarbageWithDecodeError()
    {
        var error = Assert.Throws<WasmDecodeException>(() => Module.FromBytes(_engine, [0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0]));
        Assert.Contains("version", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Module_Validate_AcceptsAValidModuleAndRejectsAnInvalidOne()
    {
        Module.Validate(_engine, File.ReadAllBytes(Fixtures.Wasm("compute")));
        // (func (result i32)) with an empty body: type mismatch.
        byte[] invalid = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 10, 4, 1, 2, 0, 0x0b];
        Assert.Throws<WasmValidationException>(() => Module.Validate(_engine, invalid));
    }

    [Fact]
    public void Func_Invoke_ReturnsMultipleValuesOfEveryNumericType()
    {
        var instance = Instantiate("compute");
        var results = instance.GetFunction("swap")!.Invoke(
            Value.FromInt32(-5), Value.FromInt64(long.MinValue), Value.FromSingleBits(0x7fa0_0001), Value.FromDouble(2.5));

        Assert.Equal([ValueKind.F64, ValueKind.F32, ValueKind.I64, ValueKind.I32], results.Select(r => r.Kind));
        Assert.Equal(2.5, results[0].AsDouble());
        // A signalling NaN keeps its exact bits through arguments, locals and results.
        Assert.Equal(0x7fa0_0001u, results[1].AsSingleBits());
        Assert.Equal(long.MinValue, results[2].AsInt64());
        Assert.Equal(-5, results[3].AsInt32());
    }

    [Fact]
    public void Func_Invoke_RejectsWrongArgumentsClearly()
    {
        var sum = Instantiate("compute").GetFunction("sum")!;

        Assert.Contains("takes 1 arguments", Assert.Throws<ArgumentException>(() => sum.Invoke()).Message, StringComparison.Ordinal);
        Assert.Contains("expects i32", Assert.Throws<ArgumentException>(() => sum.Invoke(Value.FromInt64(1))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_TypedFunctions_CallAndCheckTheirSignature()
    {
        var instance = Instantiate("compute");

        Assert.Equal(55L, instance.GetFunction<long, long>("fib")!(10));
        Assert.Equal(4950L, instance.GetFunction<int, long>("sum")!(100));
        Assert.Null(instance.GetFunction<int, long>("no such export"));
        var mismatch = Assert.Throws<InvalidOperationException>(() => instance.GetFunction<int, int>("fib"));
        Assert.Contains("[i64] -> [i64]", mismatch.Message, StringComparison.Ordinal);
        instance.GetAction<int, int>("store")!(8, 1234);
        Assert.Equal(1234, instance.GetFunction<int, int>("load")!(8));
    }

    [Fact]
    public void Memory_IsSharedBetweenGuestAndHostAndBoundsChecked()
    {
        var instance = Instantiate("compute");
        var memory = instance.GetMemory("memory")!;

        memory.WriteInt32(100, 0x01020304);
        Assert.Equal(0x01020304, instance.GetFunction<int, int>("load")!(100));
        Assert.Equal(4, memory.ReadByte(100));
        Assert.Equal(65536, memory.Length);
        Assert.Equal(1u, memory.Pages);
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.GetSpan(65535, 2));
        Assert.Equal(5, memory.WriteString(200, "hello"));
        Assert.Equal("hello", memory.ReadString(200, 5));
    }

    [Fact]
    public void Global_ExportedMutableGlobal_IsVisibleToTheHost()
    {
        var instance = Instantiate("compute");
        var counter = instance.GetGlobal("counter")!;

        Assert.True(counter.Mutable);
        Assert.Equal(8L, instance.GetFunction<long>("bump")!());
        counter.Value = Value.FromInt64(100);
        Assert.Equal(101L, instance.GetFunction<long>("bump")!());
        Assert.Equal(101L, counter.Value.AsInt64());
    }

    [Fact]
    public void Global_Immutable_CannotBeSetByTheHost()
    {
        using var store = new Store(_engine);
        var global = new Global(store, ValueKind.F64, Value.FromDouble(1.5), mutable: false);

        Assert.Throws<InvalidOperationException>(() => global.Value = Value.FromDouble(2));
        Assert.Throws<ArgumentException>(() => new Global(store, ValueKind.I32, Value.FromInt64(1), mutable: true));
    }

    [Fact]
    public void Table_HostCreated_HoldsFunctionsOfItsStore()
    {
        using var store = new Store(_engine);
        using var other = new Store(_engine);
        var table = new Table(store, ValueKind.FuncRef, 2, 4);
        var function = Func.FromCallback(store, new FuncType([], []), static (_, _, _) => { });

        table.SetElement(1, Value.FromFuncRef(function));
        Assert.Same(function, table.GetElement(1).AsFuncRef());
        Assert.True(table.GetElement(0).IsNull);
        Assert.Equal(2, table.Grow(2, Value.Null(ValueKind.FuncRef)));
        Assert.Equal(-1, table.Grow(1, Value.Null(ValueKind.FuncRef)));
        var foreign = Func.FromCallback(other, new FuncType([], []), static (_, _, _) => { });
        Assert.Throws<ArgumentException>(() => table.SetElement(0, Value.FromFuncRef(foreign)));
    }

    [Theory]
    [InlineData(ValueKind.I32, 0x8000_0000ul, "-2147483648")]
    [InlineData(ValueKind.I64, 75025ul, "75025")]
    [InlineData(ValueKind.F32, 0x3FC0_0000ul, "1.5")]
    [InlineData(ValueKind.F32, 0x8000_0000ul, "-0")]
    [InlineData(ValueKind.F32, 0x7FC0_0000ul, "nan")]
    [InlineData(ValueKind.F32, 0x7FA0_0000ul, "nan:0x200000")]
    [InlineData(ValueKind.F64, 0x7FF0_0000_0000_0000ul, "inf")]
    [InlineData(ValueKind.F64, 0xFFF0_0000_0000_0000ul, "-inf")]
    [InlineData(ValueKind.F64, 0x3FB9_9999_9999_999Aul, "0.1")]
    public void Value_ToString_UsesWasmTextStyle(ValueKind kind, ulong bits, string expected) =>
        Assert.Equal(expected, Value.FromRaw(kind, bits, null).ToString());

    [Fact]
    public void Value_Accessors_CheckTheKind()
    {
        Assert.Throws<InvalidOperationException>(() => Value.FromInt32(1).AsInt64());
        Assert.Throws<ArgumentOutOfRangeException>(() => Value.Null(ValueKind.I32));
        Assert.True(Value.Null(ValueKind.ExternRef).IsNull);
        Assert.Equal(Value.FromInt32(3), Value.FromInt32(3));
    }

    [Fact]
    public void Options_RejectBadValuesAtOnce()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineOptions().WithMaxCallDepth(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineOptions().WithGuestStackSize(1024));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoreLimits().WithMemorySize(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoreLimits().WithInstances(0));
        var options = new EngineOptions().WithFuel(true).WithMaxCallDepth(500);
        Assert.True(options.ConsumeFuel);
        Assert.Equal(500, options.MaxCallDepth);
        Assert.False(new EngineOptions().ConsumeFuel);
    }

    private Instance Instantiate(string fixture)
    {
        var store = new Store(_engine);
        _stores.Add(store);
        return new Linker(_engine).Instantiate(store, Module.FromFile(_engine, Fixtures.Wasm(fixture)));
    }
}
