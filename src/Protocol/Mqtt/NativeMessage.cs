using System.Runtime.InteropServices;

namespace EdgeWasm.Protocol.Mqtt;

/// <summary>
/// <c>struct mosquitto_message</c>. Sequential layout with pointer-sized fields lets the runtime apply the
/// platform's C alignment, so the same declaration is right on linux-x64, linux-arm64 and 32-bit linux-arm.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeMessage
{
    public int Mid;
    public nint Topic;
    public nint Payload;
    public int PayloadLength;
    public int Qos;
    // C99 bool is one byte on every ABI we target.
    public byte Retain;
}
