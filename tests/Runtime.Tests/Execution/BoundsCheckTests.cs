using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Tests.Execution;

/// <summary>
/// Bounds checks at the edges. A function's most common offset + size is checked against a precomputed
/// length - extent (FunctionCompiler.EmitAddress), the others against the length; both must agree at the last byte,
/// for offsets near 2^32 and after memory.grow.
/// </summary>
public sealed class BoundsCheckTests : IDisposable
{
    private const int Page = 65536;

    private const string Source = """
        (module
          (memory (export "memory") 1 4)
          (func (export "load64") (param $a i32) (result i64) (i64.load (local.get $a)))
          (func (export "store8") (param $a i32) (i32.store8 (local.get $a) (i32.const 7)))
          (func (export "load_far") (param $a i32) (result i32) (i32.load offset=0xFFFFFFFF (local.get $a)))
          (func (export "mixed") (param $a i32) (param $b i32) (result i64)
            (i64.add (i64.add (i64.load (local.get $a)) (i64.load offset=0 (local.get $a)))
                     (i64.extend_i32_u (i32.load offset=2 (local.get $b)))))
          (func (export "grow_then_load64") (param $a i32) (result i64)
            (drop (memory.grow (i32.const 1)))
            (i64.load (local.get $a))))
        """;

    private readonly Engine _engine = new();
    private readonly Store _store;
    private readonly Instance _instance;

    public BoundsCheckTests()
    {
        _store = new Store(_engine);
        _instance = new Linker(_engine).Instantiate(_store, Module.FromBytes(_engine, Wat.Compile(Source)));
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Theory]
    [InlineData(Page - 8, true)]
    [InlineData(Page - 7, false)]
    [InlineData(Page, false)]
    [InlineData(-1, false)]
    [InlineData(int.MinValue, false)]
    public void Load64_UpToTheLastByte(int address, bool inBounds) =>
        AssertAccess(inBounds, () => _instance.GetFunction<int, long>("load64")!(address));

    [Theory]
    [InlineData(Page - 1, true)]
    [InlineData(Page, false)]
    [InlineData(-1, false)]
    public void Store8_UpToTheLastByte(int address, bool inBounds) =>
        AssertAccess(inBounds, () => _instance.GetAction<int>("store8")!(address));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void OffsetNear4GiB_AlwaysTraps(int address) =>
        AssertAccess(false, () => _instance.GetFunction<int, int>("load_far")!(address));

    [Theory]
    [InlineData(Page - 8, Page - 6, true)]
    [InlineData(Page - 7, 0, false)]
    [InlineData(0, Page - 5, false)]
    [InlineData(0, -3, false)]
    public void MixedExtents_InOneFunction(int a, int b, bool inBounds) =>
        AssertAccess(inBounds, () => _instance.GetFunction<int, int, long>("mixed")!(a, b));

    [Fact]
    public void AfterMemoryGrow_TheNewPagesAreInBounds()
    {
        var growThenLoad = _instance.GetFunction<int, long>("grow_then_load64")!;

        Assert.Equal(0L, growThenLoad((2 * Page) - 8));
        AssertAccess(false, () => growThenLoad((3 * Page) - 7));
        Assert.Equal(0L, growThenLoad((3 * Page) - 8));
    }

    private static void AssertAccess(bool inBounds, Action access)
    {
        if (inBounds)
        {
            access();
            return;
        }

        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<WasmTrapException>(access).Code);
    }
}
