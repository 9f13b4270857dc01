using System.Runtime.InteropServices;

namespace EdgeWasm.Protocol.Mqtt;

/// <summary>
/// P/Invoke declarations for libmosquitto 2.0 (Debian 12 ships 2.0.11 as libmosquitto.so.1). Only functions that
/// exist in that version are declared; every pointer is <c>nint</c> so nothing assumes a 64-bit layout.
/// </summary>
internal static unsafe partial class LibMosquitto
{
    private const string Lib = "libmosquitto.so.1";

    // enum mosq_opt_t
    public const int OptProtocolVersion = 1;
    public const int OptReceiveMaximum = 4;
    public const int OptSendMaximum = 5;
    public const int OptTlsAlpn = 10;
    public const int OptTcpNoDelay = 11;

    // MQTT_PROTOCOL_V311 / MQTT_PROTOCOL_V5
    public const int ProtocolV311 = 4;
    public const int ProtocolV5 = 5;

    // MQTT_PROP_SESSION_EXPIRY_INTERVAL
    public const int PropSessionExpiryInterval = 17;

    // MOSQ_LOG_*
    public const int LogWarning = 0x04;
    public const int LogError = 0x08;

    [LibraryImport(Lib)]
    public static partial int mosquitto_lib_init();

    [LibraryImport(Lib)]
    public static partial int mosquitto_lib_version(out int major, out int minor, out int revision);

    [LibraryImport(Lib)]
    public static partial nint mosquitto_strerror(int errorCode);

    [LibraryImport(Lib)]
    public static partial nint mosquitto_connack_string(int connackCode);

    [LibraryImport(Lib)]
    public static partial nint mosquitto_reason_string(int reasonCode);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint mosquitto_new(string id, [MarshalAs(UnmanagedType.U1)] bool cleanSession, nint userdata);

    [LibraryImport(Lib)]
    public static partial void mosquitto_destroy(nint mosq);

    [LibraryImport(Lib)]
    public static partial int mosquitto_threaded_set(nint mosq, [MarshalAs(UnmanagedType.U1)] bool threaded);

    [LibraryImport(Lib)]
    public static partial int mosquitto_int_option(nint mosq, int option, int value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_string_option(nint mosq, int option, string value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_username_pw_set(nint mosq, string? username, string? password);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_will_set(nint mosq, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_tls_set(nint mosq, string? caFile, string? caPath, string? certFile, string? keyFile, nint passwordCallback);

    [LibraryImport(Lib)]
    public static partial int mosquitto_tls_insecure_set(nint mosq, [MarshalAs(UnmanagedType.U1)] bool insecure);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_tls_opts_set(nint mosq, int certReqs, string? tlsVersion, string? ciphers);

    [LibraryImport(Lib)]
    public static partial int mosquitto_property_add_int32(ref nint properties, int identifier, uint value);

    [LibraryImport(Lib)]
    public static partial void mosquitto_property_free_all(ref nint properties);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mosquitto_connect_bind_v5(nint mosq, string host, int port, int keepalive, string? bindAddress, nint properties);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int mosquitto_loop(nint mosq, int timeoutMs, int maxPackets);

    [LibraryImport(Lib)]
    public static partial int mosquitto_disconnect(nint mosq);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_publish(nint mosq, out int mid, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_subscribe(nint mosq, out int mid, string filter, int qos);

    [LibraryImport(Lib)]
    public static partial void mosquitto_connect_v5_callback_set(nint mosq, delegate* unmanaged<nint, nint, int, int, nint, void> callback);

    [LibraryImport(Lib)]
    public static partial void mosquitto_disconnect_callback_set(nint mosq, delegate* unmanaged<nint, nint, int, void> callback);

    [LibraryImport(Lib)]
    public static partial void mosquitto_publish_v5_callback_set(nint mosq, delegate* unmanaged<nint, nint, int, int, nint, void> callback);

    [LibraryImport(Lib)]
    public static partial void mosquitto_message_callback_set(nint mosq, delegate* unmanaged<nint, nint, NativeMessage*, void> callback);

    [LibraryImport(Lib)]
    public static partial void mosquitto_subscribe_callback_set(nint mosq, delegate* unmanaged<nint, nint, int, int, int*, void> callback);

    [LibraryImport(Lib)]
    public static partial void mosquitto_log_callback_set(nint mosq, delegate* unmanaged<nint, nint, int, nint, void> callback);
}
