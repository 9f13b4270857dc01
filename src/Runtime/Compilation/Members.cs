using System.Reflection;
using System.Runtime.CompilerServices;
using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>The fields and methods generated IL refers to, looked up once.</summary>
internal static class Members
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static readonly FieldInfo ContextState = Field(typeof(InstanceContext), nameof(InstanceContext.State));
    public static readonly FieldInfo ContextMemory = Field(typeof(InstanceContext), nameof(InstanceContext.Memory));
    public static readonly FieldInfo ContextTables = Field(typeof(InstanceContext), nameof(InstanceContext.Tables));
    public static readonly FieldInfo ContextGlobals = Field(typeof(InstanceContext), nameof(InstanceContext.Globals));
    public static readonly FieldInfo ContextFunctions = Field(typeof(InstanceContext), nameof(InstanceContext.Functions));

    public static readonly FieldInfo StateFuel = Field(typeof(ExecutionState), nameof(ExecutionState.Fuel));
    public static readonly FieldInfo StateInterrupted = Field(typeof(ExecutionState), nameof(ExecutionState.Interrupted));
    public static readonly FieldInfo StateStackGuard = Field(typeof(ExecutionState), nameof(ExecutionState.StackGuard));
    public static readonly FieldInfo StateFuelFloor = Field(typeof(ExecutionState), nameof(ExecutionState.FuelFloor));
    public static readonly FieldInfo StateSpillBits = Field(typeof(ExecutionState), nameof(ExecutionState.SpillBits));
    public static readonly FieldInfo StateSpillRefs = Field(typeof(ExecutionState), nameof(ExecutionState.SpillRefs));
    public static readonly FieldInfo StateValues = Field(typeof(ExecutionState), nameof(ExecutionState.Values));
    public static readonly FieldInfo StateValueTop = Field(typeof(ExecutionState), nameof(ExecutionState.ValueTop));
    public static readonly MethodInfo StateReserveValues = Method(typeof(ExecutionState), nameof(ExecutionState.ReserveValues));

    public static readonly FieldInfo MemoryBase = Field(typeof(Memory), nameof(Memory.Base));
    public static readonly FieldInfo MemoryByteLength = Field(typeof(Memory), nameof(Memory.ByteLength));
    public static readonly FieldInfo TableElements = Field(typeof(Table), nameof(Table.Elements));
    public static readonly FieldInfo GlobalI32 = Field(typeof(Global), nameof(Global.I32));
    public static readonly FieldInfo GlobalI64 = Field(typeof(Global), nameof(Global.I64));
    public static readonly FieldInfo GlobalF32 = Field(typeof(Global), nameof(Global.F32));
    public static readonly FieldInfo GlobalF64 = Field(typeof(Global), nameof(Global.F64));
    public static readonly FieldInfo GlobalRef = Field(typeof(Global), nameof(Global.Ref));

    public static readonly FieldInfo FuncTypeId = Field(typeof(Func), nameof(Func.TypeId));
    public static readonly FieldInfo FuncCode = Field(typeof(Func), nameof(Func.Code));
    public static readonly FieldInfo FuncContext = Field(typeof(Func), nameof(Func.Context));

    public static readonly MethodInfo TrapAt = Method(typeof(Traps), nameof(Traps.At));
    public static readonly MethodInfo TrapAtEntry = Method(typeof(Traps), nameof(Traps.AtEntry));
    public static readonly MethodInfo HostInvoke = Method(typeof(HostCalls), nameof(HostCalls.Invoke));
    public static readonly MethodInfo FuelCharge = Method(typeof(FuelRefill), nameof(FuelRefill.Charge));
    public static readonly MethodInfo FuelChargeLoopHeader = Method(typeof(FuelRefill), nameof(FuelRefill.ChargeLoopHeader));

    public static readonly MethodInfo AsFunc = typeof(Unsafe).GetMethods()
        .Single(m => m.Name == nameof(Unsafe.As) && m.GetGenericArguments().Length == 1)
        .MakeGenericMethod(typeof(Func));

    public static readonly MethodInfo SingleToBits = typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!;
    public static readonly MethodInfo DoubleToBits = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!;
    public static readonly MethodInfo BitsToSingle = typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle))!;
    public static readonly MethodInfo BitsToDouble = typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble))!;

    /// <summary>A static helper of <see cref="Numerics"/>, <see cref="MemoryOperations"/> or <see cref="TableOperations"/>.</summary>
    public static MethodInfo Helper(Type type, string name) => Method(type, name);

    /// <summary>A static method of the BCL with exactly these parameter types.</summary>
    public static MethodInfo Bcl(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
        ?? throw new MissingMethodException(type.FullName, name);

    /// <summary>The getter reading a kind's raw value out of a <see cref="Value"/> (called on a Value address).</summary>
    public static MethodInfo ValueGetter(ValueKind kind) => Property(typeof(Value), kind switch
    {
        ValueKind.I32 => nameof(Value.RawInt32),
        ValueKind.I64 => nameof(Value.RawInt64),
        ValueKind.F32 => nameof(Value.RawSingle),
        ValueKind.F64 => nameof(Value.RawDouble),
        _ => nameof(Value.RawReference),
    });

    /// <summary>The factory making a <see cref="Value"/> of a kind from its raw IL value.</summary>
    public static MethodInfo ValueFactory(ValueKind kind) => Method(typeof(Value), kind switch
    {
        ValueKind.I32 => nameof(Value.OfInt32),
        ValueKind.I64 => nameof(Value.OfInt64),
        ValueKind.F32 => nameof(Value.OfSingle),
        ValueKind.F64 => nameof(Value.OfDouble),
        ValueKind.FuncRef => nameof(Value.OfFuncRef),
        _ => nameof(Value.OfExternRef),
    });

    /// <summary>The field of <see cref="Global"/> holding a value of <paramref name="kind"/>.</summary>
    public static FieldInfo GlobalField(ValueKind kind) => kind switch
    {
        ValueKind.I32 => GlobalI32,
        ValueKind.I64 => GlobalI64,
        ValueKind.F32 => GlobalF32,
        ValueKind.F64 => GlobalF64,
        _ => GlobalRef,
    };

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, Any) ?? throw new MissingFieldException(type.FullName, name);

    private static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, Any) ?? throw new MissingMethodException(type.FullName, name);

    private static MethodInfo Property(Type type, string name) =>
        type.GetProperty(name, Any)?.GetMethod ?? throw new MissingMethodException(type.FullName, name);
}
