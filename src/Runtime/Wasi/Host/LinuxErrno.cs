using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>Linux errno numbers (the asm-generic table, shared by x86-64 and ARM) mapped to WASI errno.</summary>
internal static class LinuxErrno
{
    public const int Perm = 1;
    public const int NoEnt = 2;
    public const int Intr = 4;
    public const int Again = 11;
    public const int Exist = 17;
    public const int NotDir = 20;
    public const int IsDir = 21;
    public const int Inval = 22;
    public const int Loop = 40;

    /// <summary>The WASI errno for a Linux errno; unknown values become EIO.</summary>
    public static Errno ToWasi(int errno) => errno switch
    {
        0 => Errno.Success,
        1 => Errno.Perm,
        2 => Errno.NoEnt,
        3 => Errno.Srch,
        4 => Errno.Intr,
        5 => Errno.Io,
        6 => Errno.Nxio,
        7 => Errno.TooBig,
        8 => Errno.NoExec,
        9 => Errno.Badf,
        10 => Errno.Child,
        11 => Errno.Again,
        12 => Errno.NoMem,
        13 => Errno.Acces,
        14 => Errno.Fault,
        16 => Errno.Busy,
        17 => Errno.Exist,
        18 => Errno.Xdev,
        19 => Errno.NoDev,
        20 => Errno.NotDir,
        21 => Errno.IsDir,
        22 => Errno.Inval,
        23 => Errno.Nfile,
        24 => Errno.Mfile,
        25 => Errno.NoTty,
        26 => Errno.TxtBsy,
        27 => Errno.Fbig,
        28 => Errno.NoSpc,
        29 => Errno.Spipe,
        30 => Errno.Rofs,
        31 => Errno.Mlink,
        32 => Errno.Pipe,
        33 => Errno.Dom,
        34 => Errno.Range,
        35 => Errno.Deadlk,
        36 => Errno.NameTooLong,
        37 => Errno.NoLck,
        38 => Errno.NoSys,
        39 => Errno.NotEmpty,
        40 => Errno.Loop,
        42 => Errno.NoMsg,
        43 => Errno.Idrm,
        67 => Errno.NoLink,
        71 => Errno.Proto,
        72 => Errno.Multihop,
        74 => Errno.BadMsg,
        75 => Errno.Overflow,
        84 => Errno.Ilseq,
        88 => Errno.NotSock,
        89 => Errno.DestAddrReq,
        90 => Errno.MsgSize,
        91 => Errno.ProtoType,
        92 => Errno.NoProtoOpt,
        93 => Errno.ProtoNoSupport,
        95 => Errno.NotSup,
        97 => Errno.AfNoSupport,
        98 => Errno.AddrInUse,
        99 => Errno.AddrNotAvail,
        100 => Errno.NetDown,
        101 => Errno.NetUnreach,
        102 => Errno.NetReset,
        103 => Errno.ConnAborted,
        104 => Errno.ConnReset,
        105 => Errno.NoBufs,
        106 => Errno.IsConn,
        107 => Errno.NotConn,
        110 => Errno.TimedOut,
        111 => Errno.ConnRefused,
        113 => Errno.HostUnreach,
        114 => Errno.Already,
        115 => Errno.InProgress,
        116 => Errno.Stale,
        122 => Errno.Dquot,
        125 => Errno.Canceled,
        130 => Errno.OwnerDead,
        131 => Errno.NotRecoverable,
        _ => Errno.Io,
    };

    /// <summary>The WASI errno for the last failed libc call.</summary>
    public static Errno Last() => ToWasi(Libc.LastError);
}
