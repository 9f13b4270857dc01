using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>
/// Resolves guest paths inside a base directory, one component at a time, without trusting the kernel to keep
/// the guest inside. Every step is a single-component openat(O_NOFOLLOW) below a directory already held, so
/// a symlink is never followed by the kernel: the resolver reads it and splices its target into the walk itself.
/// It refuses with EPERM (what Wasmtime returns): an absolute path, ".." above the base directory, and a
/// symlink whose target is absolute or climbs above the base. A component swapped for a symlink between two
/// steps makes the O_NOFOLLOW open fail, so a race fails closed.
/// </summary>
internal static unsafe class PathResolver
{
    /// <summary>Linux's MAXSYMLINKS: more expansions than this in one lookup is ELOOP.</summary>
    public const int MaxSymlinkExpansions = 40;

    /// <summary>
    /// Resolves <paramref name="path"/> relative to <paramref name="baseDirectory"/>. The final component is left
    /// unresolved (it may not exist yet), except that a symlink there is followed when <paramref name="followFinal"/>
    /// is set or the path ends with '/'.
    /// </summary>
    public static Errno Resolve(HostHandle baseDirectory, ReadOnlySpan<byte> path, bool followFinal, out ResolvedPath? resolved)
    {
        resolved = null;
        var invalid = HostPath.Validate(path);
        if (invalid != Errno.Success) return invalid;

        var trailingSlash = path[^1] == (byte)'/';
        var pending = new Stack<byte[]>();
        PushComponents(pending, path);
        var opened = new List<HostHandle>();
        var expansions = 0;
        try
        {
            while (pending.Count > 0)
            {
                var component = pending.Pop();
                var last = pending.Count == 0;
                var top = opened.Count == 0 ? baseDirectory.Fd : opened[^1].Fd;

                if (HostPath.IsDot(HostPath.Bytes(component)))
                {
                    if (last) return Finish(top, component, trailingSlash, opened, out resolved);
                    continue;
                }

                if (HostPath.IsDotDot(HostPath.Bytes(component)))
                {
                    if (opened.Count == 0) return Errno.Perm;
                    opened[^1].Dispose();
                    opened.RemoveAt(opened.Count - 1);
                    if (last) return Finish(opened.Count == 0 ? baseDirectory.Fd : opened[^1].Fd, Dot(), trailingSlash, opened, out resolved);
                    continue;
                }

                if (last)
                {
                    if (!followFinal && !trailingSlash) return Finish(top, component, trailingSlash, opened, out resolved);
                    var link = HostFiles.ReadLink(top, component, out var target);
                    if (link == Errno.Success)
                    {
                        var expanded = Expand(pending, target, ref expansions, ref trailingSlash, isLast: true);
                        if (expanded != Errno.Success) return expanded;
                        continue;
                    }

                    // EINVAL: exists and is not a symlink; ENOENT: may be about to be created.
                    if (link is Errno.Inval or Errno.NoEnt) return Finish(top, component, trailingSlash, opened, out resolved);
                    return link;
                }

                int fd;
                fixed (byte* name = component)
                {
                    fd = Libc.openat(top, name, LinuxFlags.Path | LinuxFlags.Directory | LinuxFlags.NoFollow | LinuxFlags.CloseOnExec, 0);
                }

                if (fd >= 0)
                {
                    opened.Add(new HostHandle(fd));
                    continue;
                }

                var error = Libc.LastError;
                if (error is not (LinuxErrno.Loop or LinuxErrno.NotDir)) return LinuxErrno.ToWasi(error);

                var readLink = HostFiles.ReadLink(top, component, out var linkTarget);
                if (readLink == Errno.Inval) return Errno.NotDir;
                if (readLink != Errno.Success) return readLink;
                var expandedLink = Expand(pending, linkTarget, ref expansions, ref trailingSlash, isLast: false);
                if (expandedLink != Errno.Success) return expandedLink;
            }

            // Only "." and ".." components that cancelled out, e.g. "a/..": the base directory itself.
            return Finish(opened.Count == 0 ? baseDirectory.Fd : opened[^1].Fd, Dot(), trailingSlash, opened, out resolved);
        }
        finally
        {
            if (resolved is null)
            {
                foreach (var handle in opened) handle.Dispose();
            }
        }
    }

    /// <summary>
    /// True when <paramref name="target"/>, read as a symlink placed <paramref name="depth"/> directories below the
    /// base, stays inside the base. Used to refuse creating symlinks that point out (absolute or too many "..").
    /// </summary>
    public static bool StaysInside(ReadOnlySpan<byte> target, int depth)
    {
        if (target.IsEmpty || target[0] == (byte)'/') return false;
        foreach (var range in target.Split((byte)'/'))
        {
            var component = target[range];
            if (component.IsEmpty || HostPath.IsDot(component)) continue;
            if (HostPath.IsDotDot(component))
            {
                if (--depth < 0) return false;
            }
            else
            {
                depth++;
            }
        }

        return true;
    }

    private static Errno Finish(int parent, byte[] name, bool trailingSlash, List<HostHandle> opened, out ResolvedPath? resolved)
    {
        resolved = new ResolvedPath(parent, name, trailingSlash, opened);
        return Errno.Success;
    }

    private static Errno Expand(Stack<byte[]> pending, byte[] target, ref int expansions, ref bool trailingSlash, bool isLast)
    {
        if (++expansions > MaxSymlinkExpansions) return Errno.Loop;
        if (target.Length == 0) return Errno.NoEnt;
        if (target[0] == (byte)'/') return Errno.Perm;
        if (isLast && target[^1] == (byte)'/') trailingSlash = true;
        var before = pending.Count;
        PushComponents(pending, target);

        // A target of only slashes and dots still names a directory: keep one "." so the walk ends there.
        if (pending.Count == before) pending.Push(Dot());
        return Errno.Success;
    }

    private static void PushComponents(Stack<byte[]> pending, ReadOnlySpan<byte> path)
    {
        var components = new List<byte[]>();
        foreach (var range in path.Split((byte)'/'))
        {
            if (path[range].IsEmpty) continue;
            components.Add(HostPath.Terminated(path[range]));
        }

        for (var i = components.Count - 1; i >= 0; i--) pending.Push(components[i]);
    }

    private static byte[] Dot() => [(byte)'.', 0];
}
