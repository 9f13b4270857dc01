namespace EdgeWasm.Cli.Run;

/// <summary>Which of the process's standard streams are terminals, and so are shown to the guest as terminals.</summary>
internal readonly record struct StandardTerminals(bool Input, bool Output, bool Error);
