using System.Runtime.InteropServices;

namespace EdgeWasm.TestSupport;

/// <summary>
/// Writes htpasswd entries the way docker-registry wants them: bcrypt only. apache2-utils is not installed, so the
/// hash comes from libxcrypt (libcrypt.so.1, part of every Debian system), which implements bcrypt ($2b$).
/// </summary>
public static partial class Htpasswd
{
    private static readonly Lock Gate = new();

    /// <summary>One <c>user:$2b$…</c> line.</summary>
    public static string Entry(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        // crypt and crypt_gensalt return static buffers: one caller at a time.
        lock (Gate)
        {
            var setting = Marshal.PtrToStringUTF8(CryptGenSalt("$2b$", 5, IntPtr.Zero, 0))
                ?? throw new InvalidOperationException("crypt_gensalt failed: " + Marshal.GetLastPInvokeErrorMessage());
            var hash = Marshal.PtrToStringUTF8(Crypt(password, setting));
            if (hash is null || !hash.StartsWith("$2b$", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"crypt did not produce a bcrypt hash (got '{hash}')");
            }

            return $"{user}:{hash}";
        }
    }

    [LibraryImport("libcrypt.so.1", EntryPoint = "crypt_gensalt", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr CryptGenSalt(string prefix, nuint count, IntPtr randomBytes, int randomByteCount);

    [LibraryImport("libcrypt.so.1", EntryPoint = "crypt", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Crypt(string phrase, string setting);
}
