namespace EdgeWasm.Protocol.Mqtt;

/// <summary>An MQTT operation failed: the message names the operation and carries libmosquitto's own text.</summary>
public sealed class MqttException : Exception
{
    /// <summary>Creates one for an operation that failed for a stated reason.</summary>
    public MqttException(string operation, string reason, Exception? inner = null)
        : base($"MQTT {operation} failed: {reason}", inner)
    {
        Operation = operation;
    }

    /// <summary>Creates one with the libmosquitto error code or MQTT reason code that caused it.</summary>
    public MqttException(string operation, string reason, int code, bool isReasonCode)
        : this(operation, reason)
    {
        if (isReasonCode) ReasonCode = code;
        else ErrorCode = code;
    }

    /// <summary>What was being done, e.g. <c>publish to 'a/b'</c>.</summary>
    public string Operation { get; }

    /// <summary>The libmosquitto MOSQ_ERR_* code, when the library reported the failure.</summary>
    public int? ErrorCode { get; }

    /// <summary>The MQTT reason code (CONNACK, PUBACK or SUBACK) when the broker refused.</summary>
    public int? ReasonCode { get; }

    /// <summary>Turns a MOSQ_ERR_* code into an exception; MOSQ_ERR_ERRNO includes the OS error.</summary>
    internal static MqttException FromCode(string operation, int errorCode, int osError = 0, string? detail = null)
    {
        var text = MosquittoLibrary.ErrorText(errorCode);
        // MOSQ_ERR_ERRNO: libmosquitto's own text is generic; the OS error says what really happened.
        if (errorCode == (int)MosquittoError.Errno && osError != 0)
        {
            text = $"{System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(osError)} (errno {osError})";
        }

        var reason = $"{text} (MOSQ_ERR {errorCode}: {(MosquittoError)errorCode})";
        return new MqttException(operation, detail is null ? reason : $"{reason}; libmosquitto: {detail}", errorCode, isReasonCode: false);
    }

    /// <summary>Throws when <paramref name="errorCode"/> is not MOSQ_ERR_SUCCESS.</summary>
    internal static void ThrowIfFailed(int errorCode, string operation)
    {
        if (errorCode != 0) throw FromCode(operation, errorCode);
    }
}
