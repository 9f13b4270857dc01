namespace EdgeWasm.Runtime.Wasi;

/// <summary>Store data that carries a WASI context, for <see cref="WasiLinkerExtensions.DefineWasi(Linker)"/>.</summary>
public interface IWasiHost
{
    /// <summary>The WASI state of the instance running in this store.</summary>
    WasiContext Wasi { get; }
}
