using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>Creates the collectible assemblies generated code lives in.</summary>
internal static class DynamicCode
{
    private static int s_counter;

    /// <summary>A module that may use this assembly's internals; collectible unless <paramref name="collectible"/> is false.</summary>
    public static ModuleBuilder DefineModule(string purpose, bool collectible = true)
    {
        var name = new AssemblyName($"EdgeWasm.Generated.{purpose}.{Interlocked.Increment(ref s_counter)}");
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, collectible ? AssemblyBuilderAccess.RunAndCollect : AssemblyBuilderAccess.Run);
        var runtimeName = typeof(DynamicCode).Assembly.GetName().Name!;
        assembly.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!, [runtimeName]));
        return assembly.DefineDynamicModule(name.Name!);
    }

    /// <summary>The attributes of a generated static method.</summary>
    public const MethodAttributes StaticMethod = MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig;

    /// <summary>The attributes of a type that only holds generated static methods.</summary>
    public const TypeAttributes StaticClass = TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class;

    /// <summary>Loads an int constant with the shortest encoding.</summary>
    public static void LoadInt(ILGenerator il, int value)
    {
        switch (value)
        {
            case -1: il.Emit(OpCodes.Ldc_I4_M1); break;
            case 0: il.Emit(OpCodes.Ldc_I4_0); break;
            case 1: il.Emit(OpCodes.Ldc_I4_1); break;
            case 2: il.Emit(OpCodes.Ldc_I4_2); break;
            case 3: il.Emit(OpCodes.Ldc_I4_3); break;
            case 4: il.Emit(OpCodes.Ldc_I4_4); break;
            case 5: il.Emit(OpCodes.Ldc_I4_5); break;
            case 6: il.Emit(OpCodes.Ldc_I4_6); break;
            case 7: il.Emit(OpCodes.Ldc_I4_7); break;
            case 8: il.Emit(OpCodes.Ldc_I4_8); break;
            case >= sbyte.MinValue and <= sbyte.MaxValue: il.Emit(OpCodes.Ldc_I4_S, (sbyte)value); break;
            default: il.Emit(OpCodes.Ldc_I4, value); break;
        }
    }

    /// <summary>Loads argument <paramref name="index"/> with the shortest encoding.</summary>
    public static void LoadArg(ILGenerator il, int index)
    {
        switch (index)
        {
            case 0: il.Emit(OpCodes.Ldarg_0); break;
            case 1: il.Emit(OpCodes.Ldarg_1); break;
            case 2: il.Emit(OpCodes.Ldarg_2); break;
            case 3: il.Emit(OpCodes.Ldarg_3); break;
            case <= byte.MaxValue: il.Emit(OpCodes.Ldarg_S, (byte)index); break;
            default: il.Emit(OpCodes.Ldarg, (short)index); break;
        }
    }

    /// <summary>Stores into argument <paramref name="index"/>.</summary>
    public static void StoreArg(ILGenerator il, int index)
    {
        if (index <= byte.MaxValue) il.Emit(OpCodes.Starg_S, (byte)index);
        else il.Emit(OpCodes.Starg, (short)index);
    }
}
