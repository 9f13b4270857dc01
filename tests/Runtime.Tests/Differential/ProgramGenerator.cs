using System.Globalization;
using System.Text;

namespace EdgeWasm.Runtime.Tests.Differential;

/// <summary>
/// Generates random, terminating modules in WAT: six exported functions over i32/i64 (with f32/f64 inside,
/// observed through exact bits) that stress what the compiler must get right and a simple test misses: branches
/// carrying values over extra stack entries, br_table, block/loop/if parameters, multi-value blocks and returns,
/// early returns from deep inside, calls and call_indirect (sometimes with the wrong type), globals, memory
/// (some accesses out of bounds), bulk memory and growth. Loops are bounded by their own counters and contain no
/// calls or loops, so every function ends quickly. Nearly every module is valid; wat2wasm checks.
/// </summary>
internal sealed class ProgramGenerator(Random random)
{
    private static readonly string[] IntTypes = ["i32", "i64"];
    private readonly List<(string[] Parameters, string[] Results)> _functions = [];

    /// <summary>The parameter types of each exported function f0..f5 of the last module.</summary>
    public IReadOnlyList<string[]> Signatures => [.. _functions.Select(f => f.Parameters)];

    public string Module(int functionCount = 6)
    {
        _functions.Clear();
        var text = new StringBuilder("(module (memory 1 3) (global $g32 (mut i32) (i32.const 11)) (global $g64 (mut i64) (i64.const -5))\n");
        for (var i = 0; i < functionCount; i++) text.Append(Function(i));
        text.Append("  (table ").Append(functionCount).Append(" funcref) (elem (i32.const 0)");
        for (var i = 0; i < functionCount; i++) text.Append(" $f").Append(i);
        return text.Append("))\n").ToString();
    }

    private string Function(int index)
    {
        var parameters = Enumerable.Range(0, random.Next(4)).Select(_ => Pick(IntTypes)).ToArray();
        var results = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(IntTypes)).ToArray();
        var state = new FunctionState([.. parameters, .. Enumerable.Range(0, random.Next(4)).Select(_ => Pick(IntTypes))], results);
        var body = results.SelectMany(t => Produce(t, random.Next(1, 6), state)).ToList();
        var signature = string.Join(' ', parameters.Select(p => $"(param {p})")) + " " + string.Join(' ', results.Select(r => $"(result {r})"));
        var locals = string.Join(' ', state.Locals.Skip(parameters.Length).Select(l => $"(local {l})"));
        _functions.Add((parameters, results));
        return $"  (type $t{index} (func {signature}))\n  (func $f{index} (export \"f{index}\") (type $t{index}) {signature} {locals}\n    "
            + string.Join("\n    ", body) + ")\n";
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private List<string> Constant(string type) =>
        [$"{type}.const {Pick([0, 1, -1, 2, 7, 100, int.MaxValue, int.MinValue, random.Next(-1000, 1001)]).ToString(CultureInfo.InvariantCulture)}"];

    private List<string> LocalOf(string type, FunctionState f, bool writable)
    {
        var candidates = Enumerable.Range(0, f.Locals.Count).Where(i => f.Locals[i] == type && (!writable || !f.Counters.Contains(i))).ToList();
        return candidates.Count == 0 ? [] : [$"{(writable ? "local.tee" : "local.get")} {Pick(candidates)}"];
    }

    /// <summary>Instructions that push exactly one value of <paramref name="t"/>.</summary>
    private List<string> Produce(string t, int depth, FunctionState f)
    {
        if (depth <= 0) return random.Next(2) == 0 ? Constant(t) : LocalOf(t, f, writable: false) is { Count: > 0 } get ? get : Constant(t);
        var d = depth - 1;
        List<string> Sub(string type) => Produce(type, d, f);
        switch (random.Next(25))
        {
            case 0:
                return Constant(t);
            case 1:
                return LocalOf(t, f, writable: false) is { Count: > 0 } read ? read : Constant(t);
            case 2:
                return [.. Sub(t), .. Sub(t), $"{t}.{Pick(["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr", "div_u", "rem_s"])}"];
            case 3:
                return t == "i32" ? [.. Sub("i64"), "i32.wrap_i64"] : [.. Sub("i32"), Pick(["i64.extend_i32_s", "i64.extend_i32_u"])];
            case 4:
                // A br_if leaves its block with a value while another value sits below it.
                return random.Next(3) == 0
                    ? [$"block (result {t})", .. Sub("i32"), .. Sub(t), .. Sub("i32"), "br_if 0", "drop", .. Sub(t), "br 0", "end"]
                    : [$"block (result {t})", .. Sub("i32"), "drop", .. Sub(t), .. Sub("i32"), "br_if 0", "drop", .. Sub(t), "end"];
            case 5:
                return [.. Sub("i32"), $"if (result {t})", .. Sub(t), "else", .. Sub(t), "end"];
            case 6:
                return [.. Sub(t), .. Sub(t), .. Sub("i32"), "select"];
            case 7:
                return [.. Sub(t), $"block (param {t}) (result {t})", .. Sub(t), $"{t}.add", "end"];
            case 8 when !f.InLoop:
                f.Locals.Add("i32");
                var counter = f.Locals.Count - 1;
                f.Counters.Add(counter);
                var before = Sub(t);
                f.InLoop = true;
                var inside = Sub(t);
                f.InLoop = false;
                return [$"i32.const {random.Next(1, 6)}", $"local.set {counter}", .. before, $"loop (param {t}) (result {t})", .. inside,
                    $"{t}.xor", $"local.get {counter}", "i32.const 1", "i32.sub", $"local.tee {counter}", "br_if 0", "end"];
            case 9:
                return [$"block (result {t})", $"block (result {t})", $"block (result {t})", .. Sub("i32"), "drop", .. Sub(t), .. Sub("i32"),
                    "br_table 0 1 2 1", "end", .. Sub(t), $"{t}.add", "end", .. Sub(t), $"{t}.sub", "end"];
            case 10:
                var second = Pick(IntTypes);
                return [$"block (result {t} {second})", .. Sub(t), .. Sub(second), "end", "drop"];
            case 11 when _functions.Count > 0 && !f.InLoop:
                return Call(t, d, f, indirect: false);
            case 12:
                var store = t == "i32" ? "i32.store" : "i64.store";
                var load = t == "i32" ? Pick(["i32.load", "i32.load8_s", "i32.load16_u"]) : Pick(["i64.load", "i64.load32_s", "i64.load8_u"]);
                return [$"i32.const {Pick([0, 8, 16, 64, 65528, 65535, 70000])}", .. Sub(t), store, $"i32.const {Pick([0, 8, 16, 64])}", load];
            case 13:
                return LocalOf(t, f, writable: true) is { Count: > 0 } tee ? [.. Sub(t), .. tee] : Constant(t);
            case 14:
                var compared = Pick(IntTypes);
                List<string> comparison = [.. Sub(compared), .. Sub(compared), $"{compared}.{Pick(["lt_s", "gt_u", "eq", "ne", "le_s", "ge_u"])}"];
                return t == "i32" ? comparison : [.. comparison, "i64.extend_i32_u"];
            case 15:
                // A conditional return from wherever we are, with junk below on the stack.
                List<string> early = [.. Sub("i64"), .. Sub("i32"), "if"];
                foreach (var result in f.Results) early.AddRange(Produce(result, d - 1, f));
                return [.. early, "return", "end", "drop", .. Sub(t)];
            case 16:
                return [.. Sub(t), .. Sub("i32"), $"if (param {t}) (result {t})", .. Sub(t), $"{t}.mul", "else", .. Sub(t), $"{t}.sub", "end"];
            case 17:
                return Float(t, d, f);
            case 18:
                var global = t == "i32" ? "$g32" : "$g64";
                return random.Next(5) < 3 ? [.. Sub(t), $"global.set {global}", $"global.get {global}"] : [$"global.get {global}"];
            case 19 when _functions.Count > 0 && !f.InLoop:
                return Call(t, d, f, indirect: true);
            case 20:
                List<string> memory = random.Next(3) switch
                {
                    0 => [$"i32.const {Pick([0, 100, 65530])}", .. Sub("i32"), $"i32.const {Pick([0, 5, 40, 100])}", "memory.fill"],
                    1 => [$"i32.const {Pick([0, 50, 65500])}", $"i32.const {Pick([0, 8, 60])}", $"i32.const {Pick([0, 16, 64])}", "memory.copy"],
                    _ => [$"i32.const {random.Next(2)}", "memory.grow", "drop"],
                };
                memory.Add("memory.size");
                return t == "i32" ? memory : [.. memory, "i64.extend_i32_u"];
            case 21 or 22:
                // An operation with a constant operand, tested for zero right away: the JIT likes to reuse the flags
                // the operation set, and has got that wrong before (rotates set no zero flag).
                var op = Pick(["add", "sub", "and", "or", "xor", "mul", "shl", "shr_s", "shr_u", "rotl", "rotr"]);
                List<string> tested = [.. Sub(t), $"{t}.const {Pick([1, 4, 7, 31, 33, -1])}", $"{t}.{op}"];
                return random.Next(2) == 0
                    ? [.. tested, $"{t}.eqz", .. (t == "i32" ? Array.Empty<string>() : ["i64.extend_i32_u"])]
                    : [.. tested, .. (t == "i32" ? Array.Empty<string>() : ["i32.wrap_i64"]), $"if (result {t})", .. Sub(t), "else", .. Sub(t), "end"];
            default:
                return [.. Sub(t), $"{t}.eqz", .. (t == "i32" ? Array.Empty<string>() : ["i64.extend_i32_u"])];
        }
    }

    private List<string> Call(string t, int d, FunctionState f, bool indirect)
    {
        var index = random.Next(_functions.Count);
        var (parameters, results) = _functions[index];
        var code = parameters.SelectMany(p => Produce(p, d, f)).ToList();
        if (indirect)
        {
            // Now and then the table slot holds a function of another type: a trap.
            code.Add($"i32.const {(random.Next(10) == 0 ? random.Next(_functions.Count + 2) : index)}");
            code.Add($"call_indirect (type $t{index})");
        }
        else
        {
            code.Add($"call $f{index}");
        }

        code.AddRange(Enumerable.Repeat("drop", results.Length - 1));
        if (results[0] == t) return code;
        return [.. code, "drop", .. Produce(t, d, f)];
    }

    // Float work observed through its exact bits (NaNs canonicalised first, as engines may differ in their payloads)
    // or through a saturating conversion.
    private List<string> Float(string t, int d, FunctionState f)
    {
        var ft = Pick(["f32", "f64"]);
        var value = ProduceFloat(ft, d, f);
        if (random.Next(2) == 0) return [.. value, $"{t}.trunc_sat_{ft}_{Pick(["s", "u"])}"];
        if (!f.FloatTemps.TryGetValue(ft, out var temp))
        {
            f.Locals.Add(ft);
            f.FloatTemps[ft] = temp = f.Locals.Count - 1;
        }

        List<string> canonical = [$"block (result {ft})", .. value, $"local.set {temp}", $"{ft}.const nan", $"local.get {temp}", $"local.get {temp}",
            $"local.get {temp}", $"{ft}.ne", "select", "end"];
        if (ft == "f32") return [.. canonical, "i32.reinterpret_f32", .. (t == "i32" ? Array.Empty<string>() : ["i64.extend_i32_u"])];
        return [.. canonical, "i64.reinterpret_f64", .. (t == "i32" ? ["i32.wrap_i64"] : Array.Empty<string>())];
    }

    private List<string> ProduceFloat(string ft, int depth, FunctionState f)
    {
        var d = depth - 1;
        List<string> Sub() => ProduceFloat(ft, d, f);
        switch (depth > 0 ? random.Next(10) : 0)
        {
            case 0:
                return [$"{ft}.const {Pick(["0", "-0", "1", "-1", "0.5", "1e10", "-3.25", "inf", "-inf", "0x1p-126", "123456789", "1.1"])}"];
            case 1:
                return [.. Sub(), .. Sub(), $"{ft}.{Pick(["add", "sub", "mul", "div", "min", "max", "copysign"])}"];
            case 2:
                return [.. Sub(), $"{ft}.{Pick(["sqrt", "ceil", "floor", "trunc", "nearest", "abs", "neg"])}"];
            case 3:
                var from = Pick(IntTypes);
                return [.. Produce(from, d, f), $"{ft}.convert_{from}_{Pick(["s", "u"])}"];
            case 4:
                return ft == "f32" ? [.. ProduceFloat("f64", d, f), "f32.demote_f64"] : [.. ProduceFloat("f32", d, f), "f64.promote_f32"];
            case 5:
                return [.. Sub(), .. Sub(), .. Produce("i32", d, f), "select"];
            case 6:
                return [.. Produce("i32", d, f), $"if (result {ft})", .. Sub(), "else", .. Sub(), "end"];
            case 7:
                return ft == "f32" ? [.. Produce("i32", d, f), "f32.reinterpret_i32"] : [.. Produce("i64", d, f), "f64.reinterpret_i64"];
            case 8:
                return [.. Sub(), .. Sub(), .. Sub(), .. Sub(), $"{ft}.{Pick(["lt", "ge", "eq", "ne", "le", "gt"])}", "select"];
            default:
                return [$"block (result {ft})", .. Sub(), .. Produce("i32", d, f), "br_if 0", .. Sub(), $"{ft}.mul", "end"];
        }
    }

    private sealed class FunctionState(List<string> locals, string[] results)
    {
        public List<string> Locals { get; } = locals;

        public string[] Results { get; } = results;

        public HashSet<int> Counters { get; } = [];

        public Dictionary<string, int> FloatTemps { get; } = [];

        public bool InLoop { get; set; }
    }
}
