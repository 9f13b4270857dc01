using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>
/// Runs every command of a spec script against the engine in one store, with the <c>spectest</c> module
/// defined, and records what passed, failed and was skipped (see <see cref="SpecSkips"/>).
/// </summary>
public sealed class SpecRunner : IDisposable
{
    /// <summary>No single spec command should run this long; a longer one is a hang, reported as a failure.</summary>
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(60);

    private readonly Engine _engine;
    private readonly Store _store;
    private readonly Linker _linker;
    private readonly Dictionary<string, Instance> _named = [];
    private readonly Dictionary<ulong, object> _hostReferences = [];
    private Instance? _current;

    public SpecRunner(Engine engine)
    {
        _engine = engine;
        _store = new Store(engine);
        // With metering on, the suite must behave exactly the same given enough fuel.
        if (engine.Options.ConsumeFuel) _store.SetFuel(long.MaxValue / 2);
        _linker = new Linker(engine) { AllowShadowing = true };
        SpecTestHost.Define(_linker, _store);
    }

    public SpecFileResult Run(SpecScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var result = new SpecFileResult(script.Name);
        foreach (var command in script.Commands)
        {
            if (SpecSkips.Reason(command) is not null)
            {
                result.Skip(command);
                continue;
            }

            string? failure;
            try
            {
                failure = Execute(command);
            }
            catch (Exception ex)
            {
                failure = $"unexpected {ex.GetType().Name}: {ex.Message}";
            }

            if (failure is null) result.Pass(command);
            else result.Fail(command, failure);
        }

        return result;
    }

    public void Dispose() => _store.Dispose();

    // Null when the command passed, else why it failed.
    private string? Execute(SpecCommand command)
    {
        switch (command.Kind)
        {
            case SpecCommandKind.Module:
                var instance = _linker.Instantiate(_store, Module.FromBytes(_engine, command.ReadModule(), command.ModuleName));
                _current = instance;
                if (command.ModuleName is { } name) _named[name] = instance;
                return null;
            case SpecCommandKind.Register:
                _linker.DefineInstance(command.RegisterAs!, Find(command.ModuleName));
                return null;
            case SpecCommandKind.Action:
                Perform(command.Action!);
                return null;
            case SpecCommandKind.AssertReturn:
                return CheckResults(Perform(command.Action!), command.Expected);
            case SpecCommandKind.AssertTrap or SpecCommandKind.AssertExhaustion:
                try
                {
                    var results = Perform(command.Action!);
                    return $"expected a trap \"{command.Text}\", got [{string.Join(' ', results)}]";
                }
                catch (WasmTrapException trap)
                {
                    return SpecTestHost.Matches(trap.Code, command.Text) ? null : $"expected \"{command.Text}\", trapped with {trap.Code}: {trap.Message}";
                }
            case SpecCommandKind.AssertInvalid:
                return ExpectRejected(command, typeof(WasmValidationException), typeof(WasmDecodeException));
            case SpecCommandKind.AssertMalformed:
                return ExpectRejected(command, typeof(WasmDecodeException));
            case SpecCommandKind.AssertUnlinkable:
                return ExpectInstantiationError<WasmLinkException>(command);
            case SpecCommandKind.AssertUninstantiable:
                return ExpectInstantiationError<WasmTrapException>(command);
            default:
                return $"unknown command {command.Kind}";
        }
    }

    private string? ExpectRejected(SpecCommand command, params Type[] accepted)
    {
        try
        {
            Module.FromBytes(_engine, command.ReadModule());
            return $"the module was accepted; expected \"{command.Text}\"";
        }
        catch (WasmException ex) when (accepted.Contains(ex.GetType()))
        {
            return null;
        }
    }

    private string? ExpectInstantiationError<TException>(SpecCommand command)
        where TException : WasmException
    {
        var module = Module.FromBytes(_engine, command.ReadModule());
        try
        {
            _linker.Instantiate(_store, module);
            return $"instantiation succeeded; expected \"{command.Text}\"";
        }
        catch (TException ex)
        {
            return ex is WasmTrapException trap && !SpecTestHost.Matches(trap.Code, command.Text)
                ? $"expected \"{command.Text}\", trapped with {trap.Code}"
                : null;
        }
    }

    private Instance Find(string? name) =>
        name is null ? _current ?? throw new InvalidOperationException("no current module")
        : _named.TryGetValue(name, out var instance) ? instance : throw new InvalidOperationException($"no module named {name}");

    private Value[] Perform(SpecAction action)
    {
        var instance = Find(action.Module);
        if (!action.IsInvoke)
        {
            var global = instance.GetGlobal(action.Field) ?? throw new InvalidOperationException($"no global export \"{action.Field}\"");
            return [global.Value];
        }

        var function = instance.GetFunction(action.Field) ?? throw new InvalidOperationException($"no function export \"{action.Field}\"");
        var args = action.Args.Select(ToValue).ToArray();
        _store.SetDeadline(CommandDeadline);
        try
        {
            return function.Invoke(args);
        }
        finally
        {
            _store.ResetInterrupt();
        }
    }

    private Value ToValue(SpecValue value) => value.Type switch
    {
        SpecValueType.I32 => Value.FromInt32((int)(uint)value.Bits),
        SpecValueType.I64 => Value.FromInt64((long)value.Bits),
        SpecValueType.F32 => Value.FromSingleBits((uint)value.Bits),
        SpecValueType.F64 => Value.FromDoubleBits(value.Bits),
        SpecValueType.ExternRef => Value.FromExternRef(value.IsNull ? null : HostObject(value.Bits)),
        SpecValueType.FuncRef when value.IsNull => Value.Null(ValueKind.FuncRef),
        _ => throw new NotSupportedException($"argument {value} is not supported"),
    };

    // The same N must give the same host object every time.
    private object HostObject(ulong n)
    {
        if (!_hostReferences.TryGetValue(n, out var reference)) _hostReferences[n] = reference = new HostReference(n);
        return reference;
    }

    private string? CheckResults(Value[] actual, IReadOnlyList<SpecValue> expected)
    {
        if (actual.Length != expected.Count) return $"expected {expected.Count} results, got {actual.Length}";
        for (var i = 0; i < actual.Length; i++)
        {
            if (!Matches(actual[i], expected[i])) return $"result {i}: expected {expected[i]}, got {actual[i]} (bits 0x{actual[i].Bits:x})";
        }

        return null;
    }

    private bool Matches(Value actual, SpecValue expected)
    {
        switch (expected.Type)
        {
            case SpecValueType.I32:
                return actual.Kind == ValueKind.I32 && (uint)actual.Bits == (uint)expected.Bits;
            case SpecValueType.I64:
                return actual.Kind == ValueKind.I64 && actual.Bits == expected.Bits;
            case SpecValueType.F32:
                return actual.Kind == ValueKind.F32 && expected.NaN switch
                {
                    SpecNaN.Canonical => (actual.Bits & 0x7FFF_FFFF) == 0x7FC0_0000,
                    SpecNaN.Arithmetic => (actual.Bits & 0x7FC0_0000) == 0x7FC0_0000,
                    _ => (uint)actual.Bits == (uint)expected.Bits,
                };
            case SpecValueType.F64:
                return actual.Kind == ValueKind.F64 && expected.NaN switch
                {
                    SpecNaN.Canonical => (actual.Bits & 0x7FFF_FFFF_FFFF_FFFF) == 0x7FF8_0000_0000_0000,
                    SpecNaN.Arithmetic => (actual.Bits & 0x7FF8_0000_0000_0000) == 0x7FF8_0000_0000_0000,
                    _ => actual.Bits == expected.Bits,
                };
            case SpecValueType.ExternRef:
                return actual.Kind == ValueKind.ExternRef
                    && (expected.IsNull ? actual.IsNull : ReferenceEquals(actual.Reference, HostObject(expected.Bits)));
            case SpecValueType.FuncRef:
                return actual.Kind == ValueKind.FuncRef && (expected.IsNull ? actual.IsNull : !actual.IsNull);
            default:
                return false;
        }
    }

    /// <summary>The host object standing for externref N.</summary>
    private sealed record HostReference(ulong N);
}
