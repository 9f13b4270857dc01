namespace EdgeWasm.Cli.Calibrate;

/// <summary>
/// The fixed wasm kernel <c>edgewasm calibrate</c> runs: a loop that mixes integer arithmetic, shifts, memory loads and
/// stores over a 64 KiB page and a call, about the instruction mix of the sensor and control loops workloads run. Built
/// here byte by byte, so calibrating needs no toolchain and every machine runs exactly the same module:
/// <code>
/// (func $mix (param $x i32) (result i32) (i32.xor (i32.mul (local.get $x) (i32.const 0x9E3779B1)) (i32.shr_u (local.get $x) (i32.const 15))))
/// (func (export "run") (param $n i32) (result i32) (local $i i32) (local $acc i32) (local $addr i32)
///   (loop $next
///     (local.set $addr (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xFFFC)))
///     (i32.store (local.get $addr) (call $mix (i32.add (local.get $acc) (i32.load (local.get $addr)))))
///     (local.set $acc (i32.xor (local.get $acc) (i32.add (i32.load (local.get $addr)) (local.get $i))))
///     (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
///   (local.get $acc))
/// </code>
/// </summary>
internal static class CalibrationKernel
{
    /// <summary>The module's bytes.</summary>
    public static byte[] Bytes { get; } = Build();

    private static byte[] Build()
    {
        byte[] mix =
        [
            0x00, // no locals
            0x20, 0x00, .. I32Const(unchecked((int)0x9E3779B1)), 0x6C, // local.get $x, i32.const, i32.mul
            0x20, 0x00, .. I32Const(15), 0x76, // local.get $x, i32.const 15, i32.shr_u
            0x73, 0x0B, // i32.xor, end
        ];
        byte[] run =
        [
            0x01, 0x03, 0x7F, // three i32 locals: $i, $acc, $addr
            0x03, 0x40, // loop
            0x20, 0x01, .. I32Const(2), 0x74, .. I32Const(0xFFFC), 0x71, 0x21, 0x03, // $addr = ($i << 2) & 0xFFFC
            0x20, 0x03, // address for the store
            0x20, 0x02, 0x20, 0x03, 0x28, 0x02, 0x00, 0x6A, 0x10, 0x00, // mix($acc + load($addr))
            0x36, 0x02, 0x00, // i32.store
            0x20, 0x02, 0x20, 0x03, 0x28, 0x02, 0x00, 0x20, 0x01, 0x6A, 0x73, 0x21, 0x02, // $acc ^= load($addr) + $i
            0x20, 0x01, .. I32Const(1), 0x6A, 0x22, 0x01, // $i = $i + 1 (tee)
            0x20, 0x00, 0x49, 0x0D, 0x00, // br_if $next ($i < $n)
            0x0B, // end loop
            0x20, 0x02, 0x0B, // $acc, end
        ];
        byte[] code = [0x02, .. Sized(mix), .. Sized(run)];
        return
        [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            .. Section(1, [0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F]), // one type: (i32) -> i32
            .. Section(3, [0x02, 0x00, 0x00]), // two functions of that type
            .. Section(5, [0x01, 0x00, 0x01]), // one memory of one page
            .. Section(7, [0x01, 0x03, (byte)'r', (byte)'u', (byte)'n', 0x00, 0x01]), // export "run" = function 1
            .. Section(10, code),
        ];
    }

    private static byte[] Section(byte id, byte[] content) => [id, .. Unsigned((uint)content.Length), .. content];

    private static byte[] Sized(byte[] body) => [.. Unsigned((uint)body.Length), .. body];

    private static byte[] I32Const(int value) => [0x41, .. Signed(value)];

    private static byte[] Unsigned(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Signed(int value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            bytes.Add(done ? b : (byte)(b | 0x80));
            if (done) return [.. bytes];
        }
    }
}
