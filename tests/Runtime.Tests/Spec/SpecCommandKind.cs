namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>The command types of wabt's wast2json output.</summary>
public enum SpecCommandKind
{
    /// <summary>Decode, validate and instantiate a module; it becomes the current module.</summary>
    Module,
    /// <summary>Make a module importable under a name.</summary>
    Register,
    /// <summary>Perform an action that must not trap.</summary>
    Action,
    /// <summary>An action returns exactly the expected values.</summary>
    AssertReturn,
    /// <summary>An action traps.</summary>
    AssertTrap,
    /// <summary>An action exhausts the call stack.</summary>
    AssertExhaustion,
    /// <summary>A module decodes but fails validation.</summary>
    AssertInvalid,
    /// <summary>A module fails to decode (binary) or to parse (text).</summary>
    AssertMalformed,
    /// <summary>A valid module fails to link its imports.</summary>
    AssertUnlinkable,
    /// <summary>A module links but traps while instantiating.</summary>
    AssertUninstantiable,
}
