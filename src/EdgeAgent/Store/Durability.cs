namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// How hard a write transaction waits for the disk. Either level survives a process crash (SIGKILL):
/// the WAL is in the OS page cache the moment the transaction commits. They differ on power loss.
/// </summary>
internal enum Durability
{
    /// <summary><c>synchronous=FULL</c>: the WAL is fsynced at every commit, so a committed change survives power loss.</summary>
    Full,

    /// <summary><c>synchronous=NORMAL</c>: the WAL is fsynced at checkpoints only; a power loss may drop the last commits but never corrupts.</summary>
    Normal,
}
