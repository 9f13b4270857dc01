using System.Runtime.InteropServices;

namespace EdgeWasm.Protocol.Mqtt;

/// <summary>Process-wide libmosquitto state: one <c>mosquitto_lib_init</c>, and text for error codes.</summary>
internal static class MosquittoLibrary
{
    private static readonly Lock Gate = new();
    private static Version? _version;

    /// <summary>The libmosquitto version, initialising the library on first use.</summary>
    public static Version EnsureInitialized()
    {
        lock (Gate)
        {
            if (_version is not null) return _version;
            try
            {
                LibMosquitto.mosquitto_lib_version(out var major, out var minor, out var revision);
                var version = new Version(major, minor, revision);
                // The v5 callbacks and properties this binding uses arrived in 1.6.
                if (version < new Version(1, 6))
                {
                    throw new MqttException("load libmosquitto", $"libmosquitto {version} is too old; 1.6 or later is required (Debian 12: libmosquitto1 2.0.11)");
                }

                var rc = LibMosquitto.mosquitto_lib_init();
                if (rc != 0) throw MqttException.FromCode("mosquitto_lib_init", rc);
                _version = version;
                return version;
            }
            catch (DllNotFoundException ex)
            {
                throw new MqttException("load libmosquitto", "libmosquitto.so.1 could not be loaded; install it (Debian/Ubuntu: apt-get install libmosquitto1)", ex);
            }
        }
    }

    /// <summary>libmosquitto's text for one of its MOSQ_ERR_* codes.</summary>
    public static string ErrorText(int errorCode) => Text(LibMosquitto.mosquitto_strerror(errorCode)) ?? $"libmosquitto error {errorCode}";

    /// <summary>The text of an MQTT 3.1.1 CONNACK return code or an MQTT 5 reason code.</summary>
    public static string ReasonText(int code, bool mqtt5) =>
        (mqtt5 ? Text(LibMosquitto.mosquitto_reason_string(code)) : Text(LibMosquitto.mosquitto_connack_string(code))) ?? $"reason code {code}";

    private static string? Text(nint utf8) => utf8 == 0 ? null : Marshal.PtrToStringUTF8(utf8);
}
